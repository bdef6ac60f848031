package io.lethe.evaluator.messaging;

import io.lethe.schemas.Topics;
import io.lethe.schemas.events.GenerationEvent;
import io.lethe.service.messaging.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads generation shards off {@code generations}. Poison goes to {@code generations-dlq}; shard
 * assembly and the metrics are the evaluator's next capability (issue 5).
 */
@ApplicationScoped
public class GenerationConsumer {

  private static final Logger LOG = Logger.getLogger(GenerationConsumer.class);

  private final InboundEvents inbound;

  public GenerationConsumer(InboundEvents inbound) {
    this.inbound = inbound;
  }

  @Incoming("generations")
  public CompletionStage<Void> consume(Message<String> message) {
    return inbound.handle(
        Topics.GENERATIONS,
        message,
        GenerationEvent.class,
        shard -> {
          LOG.debugf(
              "job %s step %d: shard %d/%d of %s",
              shard.jobId(), shard.step(), shard.shard(), shard.shardCount(), shard.evalSet());
          return CompletableFuture.completedFuture(null);
        });
  }
}
