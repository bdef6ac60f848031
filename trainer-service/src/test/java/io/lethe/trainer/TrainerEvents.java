package io.lethe.trainer;

import static org.awaitility.Awaitility.await;

import io.lethe.schemas.Topics;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.LetheJson;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The trainer's side of the broker as a test sees it: commands sent to {@code unlearning-steps},
 * and everything the trainer published ({@code checkpoints}, {@code step-failures}, the dead-letter
 * queue) read back, filtered by job.
 */
public final class TrainerEvents implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String DLQ = Topics.deadLetter(Topics.UNLEARNING_STEPS);

  private final KafkaCompanion companion;
  private final ConsumerTask<String, String> published;

  public TrainerEvents(KafkaCompanion companion) {
    this.companion = companion;
    Set<String> existing = companion.topics().list();
    for (String topic : List.of(Topics.CHECKPOINTS, Topics.STEP_FAILURES, DLQ)) {
      if (!existing.contains(topic)) {
        try {
          companion.topics().createAndWait(topic, 1);
        } catch (RuntimeException alreadyCreatedMeanwhile) {
          // auto-created by a producer in between: fine
        }
      }
    }
    this.published =
        companion
            .consumeStrings()
            .withOffsetReset(OffsetResetStrategy.EARLIEST)
            .fromTopics(Set.of(Topics.CHECKPOINTS, Topics.STEP_FAILURES, DLQ));
  }

  /** Sends {@code command} keyed by its job. */
  public void send(UnlearningStepCommand command) {
    sendRaw(command.jobId(), LetheJson.write(command));
  }

  /** Sends a raw value keyed by {@code key}. */
  public void sendRaw(String key, String value) {
    companion
        .produceStrings()
        .fromRecords(new ProducerRecord<>(Topics.UNLEARNING_STEPS, key, value))
        .awaitCompletion(TIMEOUT);
  }

  /** Sends {@code command} and waits for the checkpoint of its segment. */
  public CheckpointEvent run(UnlearningStepCommand command) {
    send(command);
    return awaitCheckpoints(command.jobId(), command.segment(), 1).get(0);
  }

  /** Waits until {@code count} checkpoint events of the segment were published; returns them. */
  public List<CheckpointEvent> awaitCheckpoints(String jobId, int segment, int count) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> checkpoints(jobId, segment).size() >= count || failure(jobId) != null);
    if (checkpoints(jobId, segment).size() < count) {
      throw new AssertionError("job " + jobId + " failed instead: " + failure(jobId));
    }
    return checkpoints(jobId, segment);
  }

  /** Waits for a failure of {@code jobId}. */
  public StepFailedEvent awaitFailure(String jobId) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> failure(jobId) != null);
    return failure(jobId);
  }

  /** Waits for a dead-lettered value containing {@code text}. */
  public String awaitDeadLetter(String text) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> deadLettered(text) != null);
    return deadLettered(text);
  }

  /** The checkpoint events published so far for the segment, in order. */
  public List<CheckpointEvent> checkpoints(String jobId, int segment) {
    return records(Topics.CHECKPOINTS, jobId).stream()
        .map(r -> LetheJson.read(r.value(), CheckpointEvent.class))
        .filter(e -> e.segment() == segment)
        .toList();
  }

  private StepFailedEvent failure(String jobId) {
    return records(Topics.STEP_FAILURES, jobId).stream()
        .map(r -> LetheJson.read(r.value(), StepFailedEvent.class))
        .findFirst()
        .orElse(null);
  }

  private String deadLettered(String text) {
    return published.getRecords().stream()
        .filter(r -> r.topic().equals(DLQ) && r.value() != null && r.value().contains(text))
        .map(ConsumerRecord::value)
        .findFirst()
        .orElse(null);
  }

  private List<ConsumerRecord<String, String>> records(String topic, String jobId) {
    return published.getRecords().stream()
        .filter(r -> r.topic().equals(topic) && jobId.equals(r.key()))
        .toList();
  }

  @Override
  public void close() {
    published.close();
  }
}
