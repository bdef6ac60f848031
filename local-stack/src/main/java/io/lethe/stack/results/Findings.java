package io.lethe.stack.results;

import static io.lethe.stack.results.ResultsPlan.Control.UNCONTROLLED;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Observations that explain a verdict, each stated only when the numbers show it: the document is
 * regenerated, so no sentence may claim what a rerun's data does not.
 */
public final class Findings {

  private Findings() {}

  /** The observations that apply to {@code d}, in the order of the claims they explain. */
  public static List<String> of(ResultsData d) {
    List<String> notes = new ArrayList<>();
    Optional<RunRecord.Point> retain = d.retainModel();
    double retainTr = retain.map(p -> p.metric(Metrics.TR_FORGET)).orElse(Double.NaN);
    for (String m : List.of("GA", "GA+KL", "GA+GD")) {
      Optional<RunRecord> r = d.run(m, UNCONTROLLED);
      if (r.isEmpty()) {
        continue;
      }
      double fq = r.get().atEnd(Metrics.FQ);
      double prob = r.get().atEnd(Metrics.PROB_FORGET);
      double tr = r.get().atEnd(Metrics.TR_FORGET);
      if (fq >= ClaimChecks.SIGNIFICANT && prob < 0.01 && tr >= retainTr) {
        notes.add(
            String.format(
                Locale.ROOT,
                "%s ends with forget quality %.2e although its forget probability is %.3g: the"
                    + " truth ratio compares perturbed with paraphrased answers, and a model that"
                    + " gives every answer about the same vanishing probability has R ≈ 1, so its"
                    + " forget truth ratio (%.3f) resembles the retain model's (%.3f). At this scale"
                    + " GA-style overshoot shows in the probabilities and ROUGE, not as TR → 0 and"
                    + " FQ → 0 as in TOFU's 7B runs.",
                m,
                fq,
                prob,
                tr,
                retainTr));
      }
    }
    double retainRouge = retain.map(p -> p.metric(Metrics.ROUGE_FORGET)).orElse(Double.NaN);
    if (retainRouge >= 0.5) {
      notes.add(
          String.format(
              Locale.ROOT,
              "The retain model, which never saw the forget authors, already scores forget ROUGE-L"
                  + " %.3f: the answers share templates, so ROUGE-L rewards the shape of an answer"
                  + " as much as its facts, and \"forget ROUGE-L ≤ 50 %% of step 0\" asks for a lower"
                  + " score than a model that never knew the facts gets.",
              retainRouge));
    }
    List<String> idk = new ArrayList<>();
    boolean anyRefusal = false;
    for (String m : List.of("IDK+GD", "IDK+AP")) {
      Optional<RunRecord> r = d.run(m, UNCONTROLLED);
      if (r.isPresent()) {
        double refusal = r.get().atEnd(Metrics.REFUSAL_FORGET);
        idk.add(
            String.format(
                Locale.ROOT,
                "%s forget ROUGE-L %.3f, refusal rate %.3f",
                m,
                r.get().atEnd(Metrics.ROUGE_FORGET),
                refusal));
        anyRefusal |= refusal > 0;
      }
    }
    if (!idk.isEmpty() && !anyRefusal) {
      notes.add(
          "No generation of the IDK methods matched a refusal template ("
              + String.join("; ", idk)
              + "): at this scale they destroy the forget answers without learning to say \"I"
              + " don't know\", so the refusal-based parts of claim 5 do not hold.");
    }
    List<String> unchanged = new ArrayList<>();
    for (RunRecord r : d.runs()) {
      if (r.control() == ResultsPlan.Control.HALT
          && r.resultStep() != null
          && r.resultStep() == 0) {
        unchanged.add(r.method());
      }
    }
    if (!unchanged.isEmpty()) {
      notes.add(
          "Under HALT, "
              + String.join(", ", unchanged)
              + " cross the floor at their first evaluation, so the job returns the starting model:"
              + " the floor is kept by forgetting nothing (forget ROUGE-L unchanged). Claim 6's"
              + " early-stopping check holds for them only in that sense; MIX, where it ran, finds a"
              + " model between the two (see the mix tables).");
    }
    return notes;
  }
}
