package io.lethe.trainer.messaging;

import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.trainer.config.TrainerConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the trainer's events keyed by job id (one job's events stay ordered in one partition)
 * and blocks until the broker acknowledged them (acks=all, idempotent producer): the segment
 * command is acknowledged only after its outcome is safely on Kafka, so a crash in between
 * redelivers the command and the outcome is published again, never lost.
 */
@ApplicationScoped
public class TrainerEventPublisher {

  private final MutinyEmitter<CheckpointEvent> checkpoints;
  private final MutinyEmitter<StepFailedEvent> failures;
  private final Duration timeout;

  public TrainerEventPublisher(
      @Channel("checkpoints") MutinyEmitter<CheckpointEvent> checkpoints,
      @Channel("step-failures") MutinyEmitter<StepFailedEvent> failures,
      TrainerConfig config) {
    this.checkpoints = checkpoints;
    this.failures = failures;
    this.timeout = config.publishTimeout();
  }

  /** Publishes a checkpoint and waits for the broker's acknowledgement. */
  public void publish(CheckpointEvent event) {
    send(checkpoints, event);
  }

  /** Publishes a failure and waits for the broker's acknowledgement. */
  public void publish(StepFailedEvent event) {
    send(failures, event);
  }

  private <T extends LetheEvent> void send(MutinyEmitter<T> emitter, T event) {
    Message<T> message =
        Message.of(event)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.jobId()).build());
    emitter.sendMessage(message).await().atMost(timeout);
  }
}
