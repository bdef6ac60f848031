package io.lethe.trainer.messaging;

import io.lethe.schemas.Topics;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.service.messaging.InboundEvents;
import io.lethe.trainer.service.SegmentCommandValidator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads segment commands off {@code unlearning-steps} one at a time on a worker thread ({@code
 * ordered}: DJL's trainer is single-threaded per JVM, and one job's segments must run in order).
 * Unusable commands go to {@code unlearning-steps-dlq}; executing segments is the trainer's next
 * capability (issue 4).
 */
@ApplicationScoped
public class SegmentCommandConsumer {

  private static final Logger LOG = Logger.getLogger(SegmentCommandConsumer.class);

  private final InboundEvents inbound;

  public SegmentCommandConsumer(InboundEvents inbound) {
    this.inbound = inbound;
    inbound.register(Topics.UNLEARNING_STEPS);
  }

  @Incoming("unlearning-steps")
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(Message<String> message) {
    return inbound.handle(
        Topics.UNLEARNING_STEPS,
        message,
        UnlearningStepCommand.class,
        command -> {
          SegmentCommandValidator.requireExecutable(command);
          LOG.infof(
              "job %s: segment %d (%s %s, steps %d..%d) accepted",
              command.jobId(),
              command.segment(),
              command.kind(),
              command.method(),
              command.fromStep(),
              command.toStep());
          return CompletableFuture.completedFuture(null);
        });
  }
}
