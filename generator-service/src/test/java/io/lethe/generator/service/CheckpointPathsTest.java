package io.lethe.generator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checkpoint URIs resolve inside the checkpoint store and nowhere else. */
class CheckpointPathsTest {

  static final Path ROOT = Path.of("/var/lib/lethe/checkpoints");

  @Test
  void fileUrisAndRelativePathsResolveInsideTheRoot() {
    assertThat(
            CheckpointPaths.resolve(ROOT, "file:///var/lib/lethe/checkpoints/job-1/step-00000012"))
        .isEqualTo(Path.of("/var/lib/lethe/checkpoints/job-1/step-00000012"));
    assertThat(CheckpointPaths.resolve(ROOT, "job-1/step-00000012"))
        .isEqualTo(Path.of("/var/lib/lethe/checkpoints/job-1/step-00000012"));
    assertThat(CheckpointPaths.resolve(ROOT, "/var/lib/lethe/checkpoints/job-1/./step-1"))
        .isEqualTo(Path.of("/var/lib/lethe/checkpoints/job-1/step-1"));
  }

  @Test
  void pathsLeavingTheRootAreRefused() {
    assertThatThrownBy(() -> CheckpointPaths.resolve(ROOT, "file:///etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not inside the checkpoint root");
    assertThatThrownBy(() -> CheckpointPaths.resolve(ROOT, "job-1/../../../../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not inside the checkpoint root");
    assertThatThrownBy(
            () -> CheckpointPaths.resolve(ROOT, "file:///var/lib/lethe/checkpoints-other/job"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CheckpointPaths.resolve(ROOT, "file:///var/lib/lethe/checkpoints"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void otherSchemesAndBlankUrisAreRefused() {
    assertThatThrownBy(() -> CheckpointPaths.resolve(ROOT, "s3://bucket/job/step-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported");
    assertThatThrownBy(() -> CheckpointPaths.resolve(ROOT, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
