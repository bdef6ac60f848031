package io.lethe.generator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.generator.MicroCheckpoints;
import io.lethe.generator.config.GeneratorConfig;
import io.lethe.generator.service.CheckpointRejectedException.Reason;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.Lineage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Verification and caching of real micro checkpoints. A Quarkus test only because PyTorch's native
 * library can be loaded by one class loader per JVM.
 */
@QuarkusTest
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class CheckpointLoaderTest {

  @Inject GeneratorConfig config;

  Checkpoint save(long seed) {
    return MicroCheckpoints.save(config.checkpointRoot(), "loader-" + UUID.randomUUID(), 1, seed);
  }

  static String uri(Checkpoint checkpoint) {
    return checkpoint.directory().toUri().toString();
  }

  @Test
  void verifiesTheHashOfTheWeightsAgainstTheEventOrTheLineage() {
    Checkpoint checkpoint = save(1L);
    try (CheckpointLoader loader = new CheckpointLoader(config.checkpointRoot(), Device.cpu(), 1)) {
      assertThat(loader.verify(uri(checkpoint), checkpoint.modelSha256()))
          .isEqualTo(checkpoint.modelSha256());
      assertThat(loader.verify(uri(checkpoint), null)).isEqualTo(checkpoint.modelSha256());

      String wrong = "0".repeat(64);
      assertThatThrownBy(() -> loader.verify(uri(checkpoint), wrong))
          .isInstanceOfSatisfying(
              CheckpointRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INTEGRITY))
          .hasMessageContaining(wrong)
          .hasMessageContaining(checkpoint.modelSha256());
      assertThatThrownBy(() -> loader.acquire(uri(checkpoint), wrong))
          .isInstanceOfSatisfying(
              CheckpointRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INTEGRITY));
      assertThat(loader.cachedModels()).isZero();
    }
  }

  @Test
  void missingIncompleteOrForeignDirectoriesAreUnreadable() throws IOException {
    Checkpoint checkpoint = save(2L);
    Files.delete(checkpoint.directory().resolve(CheckpointStore.TOKENIZER_FILE));
    try (CheckpointLoader loader = new CheckpointLoader(config.checkpointRoot(), Device.cpu(), 1)) {
      for (String uri :
          new String[] {
            uri(checkpoint),
            config
                .checkpointRoot()
                .toAbsolutePath()
                .resolve("no-such-job/step-1")
                .toUri()
                .toString(),
            "file:///etc"
          }) {
        assertThatThrownBy(() -> loader.verify(uri, null))
            .isInstanceOfSatisfying(
                CheckpointRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
      }
    }
  }

  @Test
  void modelsAreCachedByHashAndClosedOnlyWhenEvictedAndReleased() {
    Checkpoint a = save(3L);
    Checkpoint b = save(4L);
    try (CheckpointLoader loader = new CheckpointLoader(config.checkpointRoot(), Device.cpu(), 1)) {
      CheckpointLoader.Lease first = loader.acquire(uri(a), a.modelSha256());
      CheckpointLoader.Lease again = loader.acquire(uri(a), a.modelSha256().toUpperCase());
      assertThat(again.model()).isSameAs(first.model());
      assertThat(loader.loads()).isEqualTo(1);

      CheckpointLoader.Lease other = loader.acquire(uri(b), b.modelSha256());
      // a left the cache (capacity 1) but is still leased: it must stay usable
      assertThat(loader.cachedModels()).isEqualTo(1);
      assertThat(first.model().model().manager().isOpen()).isTrue();
      first.close();
      assertThat(again.model().model().manager().isOpen()).isTrue();
      again.close();
      assertThat(first.model().model().manager().isOpen()).isFalse();

      other.close();
      assertThat(other.model().model().manager().isOpen()).isTrue();
      try (CheckpointLoader.Lease cached = loader.acquire(uri(b), b.modelSha256())) {
        assertThat(cached.model()).isSameAs(other.model());
      }
      assertThat(loader.loads()).isEqualTo(2);
    }
  }

  @Test
  void thePromptTemplateComesFromTheLineageWithLetheAsDefault() {
    assertThat(CheckpointLoader.templateOf(null)).isEqualTo(PromptTemplate.LETHE);
    assertThat(CheckpointLoader.templateOf(lineage(Map.of()))).isEqualTo(PromptTemplate.LETHE);
    assertThat(
            CheckpointLoader.templateOf(
                lineage(Map.of(CheckpointLoader.PROMPT_TEMPLATE_KEY, "llama2"))))
        .isEqualTo(PromptTemplate.LLAMA2);
  }

  static Lineage lineage(Map<String, Object> hyperparameters) {
    return new Lineage("job", 1, null, "FINETUNE", hyperparameters, Map.of(), null, null);
  }
}
