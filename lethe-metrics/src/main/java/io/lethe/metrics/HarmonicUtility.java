package io.lethe.metrics;

import io.lethe.metrics.stats.Means;
import java.util.ArrayList;
import java.util.List;

/**
 * Harmonic mean of metric components, where a component that was not computed makes the whole
 * utility not computed (naming which) instead of a harmonic mean over fewer terms. Shared by the
 * TOFU and closer-look model utilities.
 */
public final class HarmonicUtility {

  private HarmonicUtility() {}

  /**
   * The harmonic mean of all components under {@code definitionId}; 0 if any component is 0.
   *
   * @param definitionId id of the resulting metric
   * @param components the components, each labelled for the not-computed reason
   */
  public static MetricValue of(String definitionId, List<LabelledValue> components) {
    if (components.isEmpty()) {
      return MetricValue.notComputed(definitionId, "no components");
    }
    List<String> missing = new ArrayList<>();
    double[] values = new double[components.size()];
    for (int i = 0; i < values.length; i++) {
      LabelledValue c = components.get(i);
      if (!c.value().computed()) {
        missing.add(c.label() + " (" + c.value().notComputedReason() + ")");
      } else {
        values[i] = c.value().value();
      }
    }
    if (!missing.isEmpty()) {
      return MetricValue.notComputed(
          definitionId, "components not computed: " + String.join("; ", missing));
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0) {
        return MetricValue.notComputed(
            definitionId,
            "harmonic mean undefined for negative component "
                + components.get(i).label()
                + " = "
                + values[i]);
      }
    }
    return MetricValue.of(definitionId, Means.harmonic(values));
  }

  /**
   * A component of a utility with the name it is reported under.
   *
   * @param label e.g. "Retain ROUGE"
   * @param value the component
   */
  public record LabelledValue(String label, MetricValue value) {}
}
