package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.schemas.Topics;
import io.lethe.stack.LetheService;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The optional add-ons must fit the base they extend: the Strimzi cluster is the bootstrap the
 * services and KEDA use and declares every topic the services read or write with its dead-letter
 * topic, and the ServiceMonitor scrapes every service.
 */
class KubernetesAddonsTest {

  @Test
  void strimziClusterIsTheBootstrapTheServicesAndKedaUse() {
    Manifests strimzi = Manifests.render(K8sTree.STRIMZI);
    Manifests base = Manifests.render(K8sTree.BASE);
    JsonNode kafka = strimzi.ofKind("Kafka").get(0);
    assertThat(strimzi.ofKind("Kafka")).hasSize(1);
    assertThat(kafka.at("/metadata/annotations/strimzi.io~1kraft").asText()).isEqualTo("enabled");
    assertThat(kafka.at("/metadata/annotations/strimzi.io~1node-pools").asText())
        .isEqualTo("enabled");
    JsonNode listener = kafka.at("/spec/kafka/listeners/0");
    assertThat(listener.path("tls").asBoolean()).isFalse();
    // Strimzi names the bootstrap Service <cluster>-kafka-bootstrap
    String bootstrap = Manifests.name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt();
    assertThat(base.get("ConfigMap", "lethe-common").at("/data/KAFKA_BOOTSTRAP_SERVERS").asText())
        .isEqualTo(bootstrap);
    assertThat(
            base.get("ScaledObject", "generator-service")
                .at("/spec/triggers/0/metadata/bootstrapServers")
                .asText())
        .isEqualTo(bootstrap);

    JsonNode pool = strimzi.ofKind("KafkaNodePool").get(0);
    assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText())
        .isEqualTo(Manifests.name(kafka));
    assertThat(pool.at("/spec/roles").toString()).contains("controller", "broker");
    int replicas = pool.at("/spec/replicas").asInt();
    int minIsr = kafka.at("/spec/kafka/config/min.insync.replicas").asInt();
    assertThat(minIsr).as("acks=all survives one broker down").isBetween(2, replicas - 1);
    assertThat(strimzi.all())
        .allSatisfy(r -> assertThat(r.at("/metadata/namespace").asText()).isEqualTo("lethe"));
  }

  @Test
  void strimziDeclaresEveryTopicAndItsDeadLetterTopic() throws IllegalAccessException {
    Manifests strimzi = Manifests.render(K8sTree.STRIMZI);
    Set<String> expected = new TreeSet<>();
    // the loop's topics, consumed or only published for downstream (control-decisions)
    for (String topic : topicNames()) {
      expected.add(topic);
      expected.add(Topics.deadLetter(topic));
    }
    // and every topic a service reads or writes, internal ones (generation-tasks) included
    for (LetheService service : LetheService.values()) {
      ApplicationProperties properties = ApplicationProperties.of(service.moduleName());
      expected.addAll(properties.topics("incoming"));
      expected.addAll(properties.topics("outgoing"));
      properties
          .deadLetterTopics()
          .forEach(
              (topic, deadLetter) -> {
                assertThat(deadLetter)
                    .as(service.moduleName() + " dead-letters " + topic)
                    .isEqualTo(Topics.deadLetter(topic));
                expected.add(deadLetter);
              });
      assertThat(properties.deadLetterTopics().keySet())
          .as(service.moduleName() + ": every consumed topic has a dead-letter topic")
          .isEqualTo(properties.topics("incoming"));
    }
    assertThat(expected).contains("generation-tasks", "generation-tasks-dlq");
    Set<String> declared = new TreeSet<>();
    for (JsonNode topic : strimzi.ofKind("KafkaTopic")) {
      declared.add(Manifests.name(topic));
      assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText())
          .isEqualTo("lethe-kafka");
      assertThat(topic.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(1);
    }
    assertThat(declared).isEqualTo(expected);

    // KEDA runs at most one generator per partition of the topic it watches
    JsonNode scaled = Manifests.render(K8sTree.BASE).get("ScaledObject", "generator-service");
    String watched = scaled.at("/spec/triggers/0/metadata/topic").asText();
    int partitions = strimzi.get("KafkaTopic", watched).at("/spec/partitions").asInt();
    assertThat(scaled.at("/spec/maxReplicaCount").asInt()).isLessThanOrEqualTo(partitions);
  }

  @Test
  void serviceMonitorScrapesTheMetricsPortOfEveryService() {
    JsonNode monitor = Manifests.render(K8sTree.PROMETHEUS_OPERATOR).get("ServiceMonitor", "lethe");
    assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    JsonNode endpoint = monitor.at("/spec/endpoints/0");
    assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
    Manifests base = Manifests.render(K8sTree.BASE);
    assertThat(base.ofKind("Service")).hasSize(4);
    for (JsonNode service : base.ofKind("Service")) {
      JsonNode labels = service.at("/metadata/labels");
      assertThat(Manifests.selects(monitor.at("/spec/selector/matchLabels"), labels))
          .as("selects " + Manifests.name(service))
          .isTrue();
      for (JsonNode expression : monitor.at("/spec/selector/matchExpressions")) {
        assertThat(expression.path("operator").asText()).isEqualTo("In");
        List<String> values = new ArrayList<>();
        expression.path("values").forEach(v -> values.add(v.asText()));
        assertThat(values).contains(labels.path(expression.path("key").asText()).asText());
      }
      assertThat(service.at("/spec/ports").findValuesAsText("name"))
          .contains(endpoint.path("port").asText());
    }
  }

  private static List<String> topicNames() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field field : Topics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        names.add((String) field.get(null));
      }
    }
    assertThat(names).isNotEmpty();
    return names;
  }
}
