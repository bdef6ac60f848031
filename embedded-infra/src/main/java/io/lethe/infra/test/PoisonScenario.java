package io.lethe.infra.test;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The poison-input guarantee every Lethe consumer must keep, as one reusable scenario on a real
 * broker: a valid event is consumed; malformed ones land on {@code <topic>-dlq} unchanged; the next
 * valid event is still consumed.
 */
public final class PoisonScenario {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private PoisonScenario() {}

  /**
   * Runs the scenario.
   *
   * @param companion client of the test broker
   * @param metricsUrl the service's {@code /q/metrics} URL
   * @param topic input topic
   * @param key record key (a job id)
   * @param validFirst a valid event (JSON)
   * @param validAfter another valid event (JSON), sent after the poison
   */
  public static void run(
      KafkaCompanion companion,
      String metricsUrl,
      String topic,
      String key,
      String validFirst,
      String validAfter) {
    DoubleSupplier processed =
        () ->
            PrometheusScrape.value(
                metricsUrl,
                "lethe_events_consumed_total",
                Map.of("topic", topic, "outcome", "processed"));
    double before = processed.getAsDouble();
    send(companion, topic, key, validFirst);
    awaitAtLeast(processed, before + 1, "the first valid event on " + topic + " to be processed");

    List<String> poison = List.of("{\"eventId\": not json", "{}", "[1,2,3]");
    poison.forEach(p -> send(companion, topic, key, p));
    send(companion, topic, key, validAfter);
    awaitAtLeast(processed, before + 2, "the valid event after the poison on " + topic);

    List<String> deadLettered =
        companion
            .consumeStrings()
            .fromTopics(topic + "-dlq", poison.size())
            .awaitCompletion(TIMEOUT)
            .getRecords()
            .stream()
            .map(ConsumerRecord::value)
            .toList();
    if (!deadLettered.equals(poison)) {
      throw new AssertionError(
          "dead-letter queue of " + topic + " holds " + deadLettered + ", expected " + poison);
    }
    double deadLetteredCount =
        PrometheusScrape.value(
            metricsUrl,
            "lethe_events_consumed_total",
            Map.of("topic", topic, "outcome", "dead_lettered"));
    if (deadLetteredCount < poison.size()) {
      throw new AssertionError("dead-lettered counter of " + topic + " is " + deadLetteredCount);
    }
  }

  /**
   * {@code json} of an event with a new random {@code eventId}: the same content as a distinct
   * event.
   */
  public static String withFreshEventId(String json) {
    return json.replaceFirst(
        "\"eventId\"\\s*:\\s*\"[^\"]*\"", "\"eventId\":\"" + java.util.UUID.randomUUID() + "\"");
  }

  private static void send(KafkaCompanion companion, String topic, String key, String value) {
    companion
        .produceStrings()
        .fromRecords(new ProducerRecord<>(topic, key, value))
        .awaitCompletion(TIMEOUT);
  }

  private static void awaitAtLeast(DoubleSupplier value, double target, String what) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (value.getAsDouble() >= target) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
