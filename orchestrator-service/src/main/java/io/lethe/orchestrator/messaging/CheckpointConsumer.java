package io.lethe.orchestrator.messaging;

import io.lethe.orchestrator.service.JobLoop;
import io.lethe.schemas.Topics;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.service.messaging.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Records checkpoints (lineage) and lets the job loop command the next segment. */
@ApplicationScoped
public class CheckpointConsumer {

  private final InboundEvents inbound;
  private final JobLoop loop;
  private final OutboxRelay outbox;

  public CheckpointConsumer(InboundEvents inbound, JobLoop loop, OutboxRelay outbox) {
    this.inbound = inbound;
    inbound.register(Topics.CHECKPOINTS);
    this.loop = loop;
    this.outbox = outbox;
  }

  @Incoming("checkpoints")
  public CompletionStage<Void> consume(Message<String> message) {
    return inbound.handle(
        Topics.CHECKPOINTS,
        message,
        CheckpointEvent.class,
        checkpoint ->
            loop.onCheckpoint(checkpoint)
                .call(() -> outbox.relayNow())
                .subscribeAsCompletionStage());
  }
}
