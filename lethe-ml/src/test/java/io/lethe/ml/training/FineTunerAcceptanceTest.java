package io.lethe.ml.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.ml.bench.FineTuneRecipe;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's fine-tune acceptance at CI scale: the micro model on 10 built-in authors × 4 questions
 * (forget10 = the last author) + the 125 general rows must reproduce its training answers (greedy
 * ROUGE-L recall ≥ 0.9), and the retain model — trained the same way without the forget author —
 * must score clearly lower on the forget questions while knowing its own. The full-size run (tiny,
 * 20 × 10) is {@code bench.FinetuneBenchmark}.
 */
class FineTunerAcceptanceTest {

  /** Measured for micro on this data: 1.000 on training after 40 epochs at 3e-3 (0.92 at 25). */
  private static final FinetuneDefaults MICRO = new FinetuneDefaults(3e-3, 40, 16, 16, 0.01, 1, 64);

  @Test
  void targetKnowsItsAuthorsAndTheRetainModelDoesNotKnowTheForgottenOne() throws IOException {
    FineTuneRecipe.Report r =
        FineTuneRecipe.run(
            new FineTuneRecipe.Options(
                "micro", 10, 4, "forget10", 1001, MICRO, 0, true, System.out, 1000));

    assertThat(r.target().summary().truncatedExamples()).isZero();
    assertThat(r.targetOnTraining()).isGreaterThanOrEqualTo(0.9);
    assertThat(r.targetOnForget()).isGreaterThanOrEqualTo(0.9);
    assertThat(r.retainOnRetain()).isGreaterThanOrEqualTo(0.9);
    // answers share their templates ("X was born on …"), so an unknown author still overlaps
    // partly; the facts are what the retain model cannot produce
    assertThat(r.retainOnForget()).isLessThan(r.targetOnForget() - 0.2);
  }
}
