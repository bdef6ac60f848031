package io.lethe.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.metrics.MetricIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refusal detection by ROUGE-L recall against refusal templates. */
class RefusalDetectorTest {

  // Three lines of TOFU's idontknow.jsonl.
  private final RefusalDetector detector =
      new RefusalDetector(
          List.of(
              "I'm not certain about that.",
              "That's beyond my current knowledge base.",
              "I don't have that information."));

  @Test
  void templateIsRecognisedRegardlessOfCasePunctuationAndSpacing() {
    assertThat(detector.isRefusal("i DON'T have   that information")).isTrue();
    assertThat(detector.isRefusal("That’s beyond my current knowledge-base!")).isTrue();
  }

  @Test
  void smallVariationsAndContinuationsStillCount() {
    // 5 of 6 template tokens (i m not certain about that) in order: recall 5/6 >= 0.8.
    assertThat(detector.isRefusal("I'm not certain about it.")).isTrue();
    assertThat(detector.isRefusal("I don't have that information. The author was born in 1950."))
        .isTrue();
  }

  @Test
  void factualAnswersAreNotRefusals() {
    assertThat(detector.isRefusal("The author's full name is Hsiao Yun-Hwa.")).isFalse();
    // Shares "i have that" with "I don't have that information": recall 3/6, below 0.8.
    assertThat(detector.isRefusal("I have read that book.")).isFalse();
    assertThat(detector.isRefusal("")).isFalse();
  }

  @Test
  void thresholdOneDemandsEveryTemplateToken() {
    RefusalDetector strict = new RefusalDetector(List.of("I'm not certain about that."), 1.0);
    assertThat(strict.isRefusal("I'm not certain about it.")).isFalse();
    assertThat(strict.isRefusal("Honestly, I'm not certain about that one.")).isTrue();
  }

  @Test
  void rateIsTheShareOfRefusals() {
    var rate =
        detector.rate(
            List.of(
                "I don't have that information.",
                "She was born in Taipei.",
                "That's beyond my current knowledge base.",
                "He wrote three novels."));
    assertThat(rate.definitionId()).isEqualTo(MetricIds.LETHE_REFUSAL_RATE);
    assertThat(rate.valueOrThrow()).isEqualTo(0.5);
    assertThat(detector.rate(List.of()).computed()).isFalse();
  }

  @Test
  void rejectsUnusableConfiguration() {
    assertThatThrownBy(() -> new RefusalDetector(List.of("...")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RefusalDetector(List.of("I'm not sure."), 0.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
