package io.lethe.generator;

import static org.awaitility.Awaitility.await;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reading and writing the test broker's topics from a test. */
public final class TopicRecords {

  static final Duration TIMEOUT = Duration.ofSeconds(90);

  private TopicRecords() {}

  /** Sends one string record and waits for the broker's ack. */
  public static void send(KafkaCompanion companion, String topic, String key, String value) {
    companion
        .produceStrings()
        .fromRecords(new ProducerRecord<>(topic, key, value))
        .awaitCompletion(TIMEOUT);
  }

  /**
   * Records of {@code topic} matching {@code filter}, read from the beginning until at least {@code
   * expected} matched.
   */
  public static List<ConsumerRecord<String, String>> awaitMatching(
      KafkaCompanion companion,
      String topic,
      Predicate<ConsumerRecord<String, String>> filter,
      int expected) {
    ConsumerTask<String, String> task = companion.consumeStrings().fromTopics(topic);
    try {
      await()
          .atMost(TIMEOUT)
          .until(() -> task.getRecords().stream().filter(filter).count() >= expected);
      return task.getRecords().stream().filter(filter).toList();
    } finally {
      task.stop();
    }
  }

  /** Values on {@code topic}, from its beginning to its current end, that contain {@code text}. */
  public static List<String> valuesContaining(KafkaCompanion companion, String topic, String text) {
    if (!companion.topics().list().contains(topic)) {
      return List.of();
    }
    Map<TopicPartition, OffsetSpec> ends =
        companion.topics().describe(topic).get(topic).partitions().stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    // nothing is ever deleted from the test broker's topics: the end offsets sum to the record
    // count
    long records =
        companion.offsets().list(ends).values().stream()
            .mapToLong(ListOffsetsResultInfo::offset)
            .sum();
    if (records == 0) {
      return List.of();
    }
    return companion
        .consumeStrings()
        .fromTopics(topic, records)
        .awaitCompletion(TIMEOUT)
        .getRecords()
        .stream()
        .map(ConsumerRecord::value)
        .filter(v -> v.contains(text))
        .toList();
  }
}
