package io.lethe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** MetricValue invariants, JSON round trip, and the id catalogue. */
class MetricValueTest {

  @Test
  void computedValueCarriesItsDefinition() {
    MetricValue v = MetricValue.of(MetricIds.TOFU_MODEL_UTILITY, 0.62);
    assertThat(v.computed()).isTrue();
    assertThat(v.valueOrThrow()).isEqualTo(0.62);
    assertThat(v.notComputedReason()).isNull();
  }

  @Test
  void notComputedValueCarriesTheReasonAndRefusesToBeRead() {
    MetricValue v = MetricValue.notComputed(MetricIds.CL_ENTAILMENT, "NLI model unavailable");
    assertThat(v.computed()).isFalse();
    assertThat(v.value()).isNull();
    assertThatThrownBy(v::valueOrThrow)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NLI model unavailable");
  }

  @Test
  void nanIsNeverAComputedValue() {
    assertThat(MetricValue.of(MetricIds.TOFU_PROBABILITY, Double.NaN).computed()).isFalse();
    assertThatThrownBy(() -> new MetricValue(MetricIds.TOFU_PROBABILITY, Double.NaN, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MetricValue(MetricIds.TOFU_PROBABILITY, 1.0, "both"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    for (MetricValue v :
        new MetricValue[] {
          MetricValue.of(MetricIds.TOFU_FORGET_QUALITY, 1.834066410994743e-21),
          MetricValue.notComputed(MetricIds.CL_COSINE_SIMILARITY, "no embedder")
        }) {
      String json = mapper.writeValueAsString(v);
      assertThat(mapper.readValue(json, MetricValue.class)).isEqualTo(v);
    }
  }

  @Test
  void idsAreUniqueAndVersioned() {
    assertThat(new HashSet<>(MetricIds.ALL)).hasSameSizeAs(MetricIds.ALL);
    assertThat(MetricIds.ALL).allMatch(id -> id.matches("[a-z]+\\.[A-Za-z_]+@[0-9]+"));
  }
}
