package io.lethe.orchestrator.messaging;

import io.lethe.orchestrator.service.JobLoop;
import io.lethe.schemas.Topics;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.service.messaging.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Hands evaluations (the controller's input) to the job loop; poison and unknown jobs go to the
 * DLQ.
 */
@ApplicationScoped
public class EvaluationConsumer {

  private final InboundEvents inbound;
  private final JobLoop loop;
  private final OutboxRelay outbox;

  public EvaluationConsumer(InboundEvents inbound, JobLoop loop, OutboxRelay outbox) {
    this.inbound = inbound;
    inbound.register(Topics.EVALUATIONS);
    this.loop = loop;
    this.outbox = outbox;
  }

  @Incoming("evaluations")
  public CompletionStage<Void> consume(Message<String> message) {
    return inbound.handle(
        Topics.EVALUATIONS,
        message,
        EvaluationEvent.class,
        evaluation ->
            loop.onEvaluation(evaluation)
                .call(() -> outbox.relayNow())
                .subscribeAsCompletionStage());
  }
}
