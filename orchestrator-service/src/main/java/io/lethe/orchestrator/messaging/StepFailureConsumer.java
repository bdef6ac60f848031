package io.lethe.orchestrator.messaging;

import io.lethe.orchestrator.service.JobLoop;
import io.lethe.schemas.Topics;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.service.messaging.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Turns a trainer's failed segment into the controller's FAIL decision. */
@ApplicationScoped
public class StepFailureConsumer {

  private final InboundEvents inbound;
  private final JobLoop loop;
  private final OutboxRelay outbox;

  public StepFailureConsumer(InboundEvents inbound, JobLoop loop, OutboxRelay outbox) {
    this.inbound = inbound;
    inbound.register(Topics.STEP_FAILURES);
    this.loop = loop;
    this.outbox = outbox;
  }

  @Incoming("step-failures")
  public CompletionStage<Void> consume(Message<String> message) {
    return inbound.handle(
        Topics.STEP_FAILURES,
        message,
        StepFailedEvent.class,
        failure ->
            loop.onFailure(failure).call(() -> outbox.relayNow()).subscribeAsCompletionStage());
  }
}
