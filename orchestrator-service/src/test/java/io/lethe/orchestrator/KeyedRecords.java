package io.lethe.orchestrator;

import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.json.EventValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads one job's events from a topic of the test broker, as a downstream consumer would. */
final class KeyedRecords {

  private KeyedRecords() {}

  /**
   * Waits until the topic holds {@code count} events of {@code jobId} matching {@code filter};
   * returns them all.
   */
  static <T extends LetheEvent> List<T> await(
      String topic, String jobId, Class<T> type, Predicate<T> filter, int count) {
    String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    Map<String, Object> cfg =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<T> found = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(cfg, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (jobId.equals(r.key())) {
            T event = EventValidator.parse(r.value(), type);
            if (filter.test(event)) {
              found.add(event);
            }
          }
        }
        if (found.size() >= count) {
          return found;
        }
      }
    }
    throw new AssertionError(
        "expected "
            + count
            + " "
            + type.getSimpleName()
            + " of job "
            + jobId
            + " on "
            + topic
            + ", found "
            + found);
  }
}
