package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer's subset on a small tree whose output is worked out by hand. */
class KustomizeRendererTest {

  @TempDir Path tmp;

  @BeforeEach
  void writeTree() throws IOException {
    write(
        "base/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: demo
        labels:
          - pairs:
              app.kubernetes.io/part-of: demo
            includeTemplates: true
        resources:
          - ns.yaml
          - app.yaml
        """);
    write("base/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n");
    write(
        "base/app.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: example/web:latest
                  env:
                    - {name: A, value: "1"}
                    - {name: B, value: "2"}
                  resources:
                    requests: {cpu: 100m, memory: 64Mi}
                - name: sidecar
                  image: example/proxy:1.0
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector: {app: web}
          ports:
            - {name: http, port: 80, targetPort: http}
        """);
    write(
        "overlay/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../base
        labels:
          - pairs: {variant: big}
        images:
          - name: example/web
            newTag: "2.0"
          - name: example/proxy
            newName: registry.local:5000/proxy
        patches:
          - path: bigger.yaml
        """);
    write(
        "overlay/bigger.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              nodeSelector: {size: big}
              containers:
                - name: web
                  env:
                    - {name: B, value: "20"}
                    - {name: C, value: "3"}
                  resources:
                    requests: {cpu: "2"}
                    limits: {cpu: "4"}
        """);
  }

  @Test
  void baseGetsNamespaceOnNamespacedKindsAndLabelsOnTemplates() {
    List<ObjectNode> base = KustomizeRenderer.render(tmp.resolve("base"));
    assertThat(base)
        .extracting(r -> ResourceId.of(r).toString())
        .containsExactly("Namespace/demo", "Deployment/demo/web", "Service/demo/web");
    JsonNode deployment = base.get(1);
    assertThat(deployment.at("/metadata/labels/app.kubernetes.io~1part-of").asText())
        .isEqualTo("demo");
    assertThat(deployment.at("/spec/template/metadata/labels/app.kubernetes.io~1part-of").asText())
        .isEqualTo("demo");
    assertThat(deployment.at("/spec/selector/matchLabels").size())
        .as("selectors are left alone")
        .isEqualTo(1);
    assertThat(base.get(2).at("/spec/template").isMissingNode()).isTrue();
  }

  @Test
  void overlayPatchesContainersByNameRetagsImagesAndAddsLabelsToMetadataOnly() {
    List<ObjectNode> overlay = KustomizeRenderer.render(tmp.resolve("overlay"));
    JsonNode deployment = overlay.get(1);
    JsonNode web = deployment.at("/spec/template/spec/containers/0");
    assertThat(web.path("image").asText()).isEqualTo("example/web:2.0");
    // the patch's elements in its order (B merged into the original), then the untouched A:
    // what kubectl kustomize prints for this tree
    assertThat(web.path("env").toString())
        .isEqualTo(
            "[{\"name\":\"B\",\"value\":\"20\"},{\"name\":\"C\",\"value\":\"3\"},"
                + "{\"name\":\"A\",\"value\":\"1\"}]");
    assertThat(web.path("resources").toString())
        .isEqualTo("{\"requests\":{\"cpu\":\"2\",\"memory\":\"64Mi\"},\"limits\":{\"cpu\":\"4\"}}");
    JsonNode sidecar = deployment.at("/spec/template/spec/containers/1");
    assertThat(sidecar.path("image").asText()).isEqualTo("registry.local:5000/proxy:1.0");
    assertThat(deployment.at("/spec/template/spec/nodeSelector/size").asText()).isEqualTo("big");
    assertThat(deployment.at("/metadata/labels/variant").asText()).isEqualTo("big");
    assertThat(deployment.at("/spec/template/metadata/labels/variant").isMissingNode()).isTrue();
    assertThat(overlay.get(0).at("/metadata/labels/variant").asText()).isEqualTo("big");
  }

  @Test
  void fieldsOutsideTheSubsetAndMissingTargetsFailTheRender() throws IOException {
    write(
        "odd/kustomization.yaml",
        "resources: [../base]\nconfigMapGenerator:\n  - name: x\n    literals: [a=b]\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(tmp.resolve("odd")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("configMapGenerator");
    write("stray/kustomization.yaml", "resources: [../base]\npatches:\n  - path: p.yaml\n");
    write("stray/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nope\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(tmp.resolve("stray")))
        .hasMessageContaining("patch target not found: Deployment/nope");
  }

  private void write(String relative, String text) throws IOException {
    Path file = tmp.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
