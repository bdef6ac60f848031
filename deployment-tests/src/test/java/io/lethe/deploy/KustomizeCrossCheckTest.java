package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps {@link KustomizeRenderer} honest: wherever a {@code kubectl} with built-in kustomize is on
 * the PATH, every kustomization under {@code k8s/} must render to exactly the same objects with
 * both (compared by kind, namespace and name; kustomize also sorts its output by kind).
 */
class KustomizeCrossCheckTest {

  static Stream<String> kustomizations() {
    return K8sTree.kustomizations().stream();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void rendersLikeKubectlKustomize(String directory) throws Exception {
    Optional<Path> kubectl = onPath("kubectl");
    assumeTrue(
        kubectl.isPresent(),
        "kubectl is not on the PATH: the renderer is checked against real kustomize where it is");
    Path dir = Repository.resolve(directory);
    Process process =
        new ProcessBuilder(kubectl.get().toString(), "kustomize", dir.toString())
            .redirectErrorStream(false)
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize " + directory + ": " + err).isZero();

    Map<String, ObjectNode> expected =
        byId(YamlFiles.readAll(new String(out, StandardCharsets.UTF_8), "kubectl kustomize"));
    Map<String, ObjectNode> actual = byId(KustomizeRenderer.render(dir));
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (id, resource) -> assertThat(actual.get(id)).as(directory + " " + id).isEqualTo(resource));
  }

  private static Map<String, ObjectNode> byId(List<ObjectNode> resources) {
    Map<String, ObjectNode> out = new TreeMap<>();
    resources.forEach(r -> out.put(ResourceId.of(r).toString(), r));
    return out;
  }

  private static Optional<Path> onPath(String program) throws IOException {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator))
        .map(p -> Path.of(p, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
