package io.lethe.ml.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.ml.TestModels;
import io.lethe.ml.model.LlamaModel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generation: KV cache equals recomputation, left padding equals unbatched, EOS, seeded sampling.
 */
class GeneratorTest {

  private static LlamaModel model;
  private static Generator generator;
  private static final List<int[]> PROMPTS =
      List.of(TestModels.randomIds(7, 1), TestModels.randomIds(3, 2), TestModels.randomIds(5, 3));

  @BeforeAll
  static void setUp() {
    // a large weight spread gives peaked next-token distributions, so greedy paths are not decided
    // by rounding
    model = TestModels.randomModel(TestModels.micro(), 21, 0.3);
    generator = new Generator(model);
  }

  @AfterAll
  static void tearDown() {
    model.close();
  }

  @Test
  void kvCacheGreedyEqualsNoCacheGreedyTokenForToken() {
    GenerationConfig greedy = GenerationConfig.greedy(24).withEosIds(Set.of(-1));
    List<Generation> cached = generator.generate(PROMPTS, greedy);
    List<Generation> recomputed = generator.generate(PROMPTS, greedy.withKvCache(false));
    for (int i = 0; i < PROMPTS.size(); i++) {
      assertThat(cached.get(i).tokens()).hasSize(24).containsExactly(recomputed.get(i).tokens());
    }
    assertThat(cached.get(0).tokens()).isNotEqualTo(cached.get(1).tokens());
  }

  @Test
  void leftPaddedBatchGivesTheUnbatchedContinuations() {
    GenerationConfig greedy = GenerationConfig.greedy(16).withEosIds(Set.of(-1));
    List<Generation> batched = generator.generate(PROMPTS, greedy);
    for (int i = 0; i < PROMPTS.size(); i++) {
      Generation alone = generator.generate(List.of(PROMPTS.get(i)), greedy).get(0);
      assertThat(batched.get(i).tokens()).as("prompt %d", i).containsExactly(alone.tokens());
    }
  }

  @Test
  void stopsAtEosPerSequenceAndRespectsTheBudget() {
    GenerationConfig free = GenerationConfig.greedy(12).withEosIds(Set.of(-1));
    int[] full = generator.generate(PROMPTS, free).get(0).tokens();
    int eos = full[3];
    int firstOccurrence = 0;
    while (full[firstOccurrence] != eos) {
      firstOccurrence++;
    }
    List<Generation> stopped = generator.generate(PROMPTS, free.withEosIds(Set.of(eos)));
    assertThat(stopped.get(0).stoppedAtEos()).isTrue();
    assertThat(stopped.get(0).tokens())
        .containsExactly(java.util.Arrays.copyOf(full, firstOccurrence));
    for (Generation g : stopped) {
      assertThat(g.tokens()).doesNotContain(eos);
      assertThat(g.tokens().length).isLessThanOrEqualTo(12);
      if (!g.stoppedAtEos()) {
        assertThat(g.tokens()).hasSize(12);
      }
    }
    assertThat(generator.generate(PROMPTS, GenerationConfig.greedy(0)).get(0).tokens()).isEmpty();
  }

  @Test
  void samplingIsReproducibleFromItsSeed() {
    GenerationConfig a = GenerationConfig.sampling(20, 1.5, 0.95, 123).withEosIds(Set.of(-1));
    List<Generation> first = generator.generate(PROMPTS, a);
    List<Generation> again = generator.generate(PROMPTS, a);
    List<Generation> uncached = generator.generate(PROMPTS, a.withKvCache(false));
    List<Generation> otherSeed =
        generator.generate(
            PROMPTS, GenerationConfig.sampling(20, 1.5, 0.95, 124).withEosIds(Set.of(-1)));
    for (int i = 0; i < PROMPTS.size(); i++) {
      assertThat(again.get(i).tokens()).containsExactly(first.get(i).tokens());
      assertThat(uncached.get(i).tokens()).containsExactly(first.get(i).tokens());
    }
    assertThat(otherSeed.get(0).tokens()).isNotEqualTo(first.get(0).tokens());
    // a vanishing nucleus keeps only the most likely token: sampling degenerates to greedy
    List<Generation> nucleus =
        generator.generate(
            PROMPTS, GenerationConfig.sampling(20, 1.0, 1e-9, 5).withEosIds(Set.of(-1)));
    List<Generation> greedy =
        generator.generate(PROMPTS, GenerationConfig.greedy(20).withEosIds(Set.of(-1)));
    for (int i = 0; i < PROMPTS.size(); i++) {
      assertThat(nucleus.get(i).tokens()).containsExactly(greedy.get(i).tokens());
    }
  }
}
