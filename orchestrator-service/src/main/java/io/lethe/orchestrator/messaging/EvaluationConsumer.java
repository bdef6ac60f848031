package io.lethe.orchestrator.messaging;

import io.lethe.orchestrator.repository.EvaluationRecord;
import io.lethe.orchestrator.repository.ProcessedEvent;
import io.lethe.schemas.Topics;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.json.LetheJson;
import io.lethe.service.messaging.InboundEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Stores evaluations (the controller's input) exactly once: the event id is recorded in the same
 * transaction as the evaluation, so a redelivered event is skipped.
 */
@ApplicationScoped
public class EvaluationConsumer {

  private final InboundEvents inbound;

  public EvaluationConsumer(InboundEvents inbound) {
    this.inbound = inbound;
  }

  @Incoming("evaluations")
  public CompletionStage<Void> consume(Message<String> message) {
    return inbound.handle(
        Topics.EVALUATIONS,
        message,
        EvaluationEvent.class,
        evaluation -> store(evaluation).subscribeAsCompletionStage());
  }

  Uni<Void> store(EvaluationEvent evaluation) {
    return Panache.withTransaction(
        () ->
            ProcessedEvent.<ProcessedEvent>findById(evaluation.eventId())
                .flatMap(
                    seen -> {
                      if (seen != null) {
                        return Uni.createFrom().voidItem();
                      }
                      EvaluationRecord record = new EvaluationRecord();
                      record.eventId = evaluation.eventId();
                      record.jobId = evaluation.jobId();
                      record.step = evaluation.step();
                      record.kind = evaluation.kind();
                      record.checkpointSha256 = evaluation.checkpointSha256();
                      record.metricsJson = LetheJson.write(evaluation.metrics());
                      record.occurredAt = evaluation.occurredAt();
                      return ProcessedEvent.of(evaluation.eventId(), Topics.EVALUATIONS)
                          .persist()
                          .chain(record::persist)
                          .replaceWithVoid();
                    }));
  }
}
