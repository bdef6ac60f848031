package io.lethe.trainer.messaging;

import io.lethe.schemas.Topics;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.service.messaging.InboundEvents;
import io.lethe.trainer.service.SegmentCommandValidator;
import io.lethe.trainer.service.SegmentService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads segment commands off {@code unlearning-steps} one at a time on a worker thread ({@code
 * ordered}: DJL training is single-threaded per JVM, and one job's segments must run in order),
 * executes each to completion and acknowledges it only after its outcome was published. Unusable
 * commands go to {@code unlearning-steps-dlq}.
 */
@ApplicationScoped
public class SegmentCommandConsumer {

  private static final Logger LOG = Logger.getLogger(SegmentCommandConsumer.class);

  private final InboundEvents inbound;
  private final SegmentService segments;

  public SegmentCommandConsumer(InboundEvents inbound, SegmentService segments) {
    this.inbound = inbound;
    this.segments = segments;
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
              "job %s: segment %d (%s %s, steps %d..%d)",
              command.jobId(),
              command.segment(),
              command.kind(),
              command.method() == null ? "" : command.method(),
              command.fromStep(),
              command.toStep());
          // training runs here, on the ordered worker thread; the stage is complete when the
          // outcome has been published
          segments.execute(command);
          return CompletableFuture.completedFuture(null);
        });
  }
}
