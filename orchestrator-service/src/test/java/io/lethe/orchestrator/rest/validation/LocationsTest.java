package io.lethe.orchestrator.rest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The location rules that keep a job from pointing the services outside their directories. */
class LocationsTest {

  static final Optional<Path> ROOT = Optional.of(Path.of("/var/lib/lethe/checkpoints"));
  static final List<Path> DATASETS = List.of(Path.of("/data/tofu"), Path.of("/srv/datasets"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///var/lib/lethe/checkpoints/job-1/step-5",
        "file:/var/lib/lethe/checkpoints/job-1/step-5",
        "/var/lib/lethe/checkpoints/job-1/step-5",
        "FILE:///var/lib/lethe/checkpoints/a%20b",
      })
  void checkpointsInsideTheRootAreAccepted(String uri) {
    assertThat(Locations.checkpointProblem(uri, ROOT)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "file:///etc/passwd | must lie inside the checkpoint root /var/lib/lethe/checkpoints",
        "/var/lib/lethe/checkpoints | must lie inside the checkpoint root /var/lib/lethe/checkpoints",
        "/var/lib/lethe/checkpoints-other/x | must lie inside the checkpoint root /var/lib/lethe/checkpoints",
        "file:///var/lib/lethe/checkpoints/../../../etc | must not contain '.' or '..' segments",
        "file:///var/lib/lethe/checkpoints/%2e%2e/%2e%2e/etc | must not contain '.' or '..' segments",
        "/var/lib/lethe/checkpoints/./x | must not contain '.' or '..' segments",
        "/var/lib/lethe/checkpoints/..\\..\\etc | must not contain '.' or '..' segments",
        "file:///var/lib/lethe/checkpoints/a%00b | must not contain control characters",
        "checkpoints/job-1 | must be absolute (relative paths resolve differently in each service)",
        "file:checkpoints/job-1 | must be a local file: URI (file:///…) without host, query or fragment",
        "file://evil/var/lib/lethe/checkpoints/x | must be a local file: URI (file:///…) without host, query or fragment",
        "file:///var/lib/lethe/checkpoints/x?y=1 | must be a local file: URI (file:///…) without host, query or fragment",
        "http://host/var/lib/lethe/checkpoints/x | must be a file: URI or an absolute path (the store is a file system)",
        "s3://bucket/x | must be a file: URI or an absolute path (the store is a file system)",
        "file:///var/lib/lethe/checkpoints/a b | is not a valid URI",
        "'   ' | must not be blank",
      })
  void checkpointsOutsideTheRootOrClimbingOutAreRefused(String uri, String problem) {
    assertThat(Locations.checkpointProblem(uri, ROOT)).contains(problem);
  }

  @Test
  void aNulByteIsRefusedBeforeAnythingElse() {
    assertThat(Locations.checkpointProblem("/var/lib/lethe/checkpoints/a\u0000b", ROOT))
        .contains("must not contain control characters");
    assertThat(Locations.datasetProblem("/data/tofu/a\u0000", DATASETS))
        .contains("must not contain control characters");
  }

  @Test
  void withoutAConfiguredRootCheckpointsMayLieAnywhereButMayNotClimb() {
    assertThat(Locations.checkpointProblem("file:///mnt/models/target", Optional.empty()))
        .isEmpty();
    assertThat(Locations.checkpointProblem("file:///mnt/models/../etc", Optional.empty()))
        .contains("must not contain '.' or '..' segments");
    assertThat(Locations.checkpointProblem("models/target", Optional.empty()))
        .contains("must be absolute (relative paths resolve differently in each service)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/data/tofu", "/data/tofu/authors", "/srv/datasets/tofu-v2"})
  void datasetsInsideAnAllowedRootAreAccepted(String path) {
    assertThat(Locations.datasetProblem(path, DATASETS)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/etc | must lie inside one of the allowed dataset roots [/data/tofu, /srv/datasets]",
        "/data/tofu-private | must lie inside one of the allowed dataset roots [/data/tofu, /srv/datasets]",
        "/data/tofu/../../etc | must not contain '.' or '..' segments",
        "data/tofu | must be absolute (relative paths resolve differently in each service)",
        "~/tofu | must be absolute (relative paths resolve differently in each service)",
        "file:///data/tofu | must be absolute (relative paths resolve differently in each service)",
      })
  void datasetsOutsideTheAllowedRootsAreRefused(String path, String problem) {
    assertThat(Locations.datasetProblem(path, DATASETS)).contains(problem);
  }

  @Test
  void withoutAllowedRootsADatasetIsAnyNormalisedAbsolutePath() {
    assertThat(Locations.datasetProblem("/home/me/tofu", List.of())).isEmpty();
    assertThat(Locations.datasetProblem("/home/me/../../etc", List.of()))
        .contains("must not contain '.' or '..' segments");
    assertThat(Locations.datasetProblem("tofu", List.of()))
        .contains("must be absolute (relative paths resolve differently in each service)");
  }
}
