package io.lethe.generator.messaging;

import io.lethe.schemas.Topics;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.service.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads checkpoint events off {@code checkpoints} on a worker thread (generation is CPU-bound).
 * Poison goes to {@code checkpoints-dlq}; loading the checkpoint and generating the evaluation
 * shards is the generator's next capability (issue 5).
 */
@ApplicationScoped
public class CheckpointConsumer {

  private static final Logger LOG = Logger.getLogger(CheckpointConsumer.class);

  private final InboundEvents inbound;

  public CheckpointConsumer(InboundEvents inbound) {
    this.inbound = inbound;
    inbound.register(Topics.CHECKPOINTS);
  }

  @Incoming("checkpoints")
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(Message<String> message) {
    return inbound.handle(
        Topics.CHECKPOINTS,
        message,
        CheckpointEvent.class,
        checkpoint -> {
          LOG.debugf(
              "job %s: checkpoint of step %d (%s), evaluation %s",
              checkpoint.jobId(),
              checkpoint.step(),
              checkpoint.sha256(),
              checkpoint.evaluation() == null ? "none" : checkpoint.evaluation().kind());
          return CompletableFuture.completedFuture(null);
        });
  }
}
