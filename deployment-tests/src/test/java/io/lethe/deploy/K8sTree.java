package io.lethe.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Kustomize tree under {@code k8s/}: which directories are kustomizations. */
final class K8sTree {

  static final String BASE = "k8s/base";
  static final String CPU = "k8s/overlays/cpu";
  static final String GPU = "k8s/overlays/gpu";
  static final String STRIMZI = "k8s/addons/strimzi";
  static final String PROMETHEUS_OPERATOR = "k8s/addons/prometheus-operator";

  private K8sTree() {}

  /** Every directory under {@code k8s/} with a kustomization, relative to the repository. */
  static List<String> kustomizations() {
    Path root = Repository.root();
    try (Stream<Path> files = Files.walk(root.resolve("k8s"))) {
      return files
          .filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
          .map(f -> root.relativize(f.getParent()).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The overlays a user applies: every directory under {@code k8s/overlays}. */
  static List<String> overlays() {
    return kustomizations().stream().filter(d -> d.startsWith("k8s/overlays/")).toList();
  }
}
