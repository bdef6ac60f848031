package io.lethe.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The control loop in one JVM: the trainer, generator, evaluator and controller of the services,
 * wired by constructors, with no Kafka, PostgreSQL, HTTP or outbox. A benchmark tool, not a product
 * mode: it runs a job's request exactly as the services would (same commands, same checkpoints,
 * same evaluations, same decisions) so that their wall time can be compared.
 *
 * <p>Like the services' processes it lives across jobs: the generator's model and shard caches, the
 * trainer's dataset and reference-model caches and the evaluator's embedding cache carry over from
 * one job to the next.
 */
public final class InProcessLoop implements AutoCloseable {

  private final InProcessTrainer trainer;
  private final InProcessEvaluator evaluator;

  /**
   * @param checkpointRoot the checkpoint store; start and retain models must be inside it, as the
   *     generator service requires of its store
   * @param originalAnswers where the evaluator keeps each job's step-0 answers
   */
  public InProcessLoop(Path checkpointRoot, Path originalAnswers) {
    this.trainer = new InProcessTrainer(checkpointRoot);
    this.evaluator = new InProcessEvaluator(checkpointRoot, originalAnswers);
  }

  /**
   * Runs the job {@code request} (a {@code POST /jobs} body: FINETUNE, or UNLEARN whose policy
   * halts) to its end.
   */
  public LoopRun run(JsonNode request, LoopMode mode) throws InterruptedException {
    ControlledJob job = ControlledJob.submit(request, mode.runAheadSegments());
    double trainerBefore = trainer.seconds();
    double generatorBefore = evaluator.generatorSeconds();
    double evaluatorBefore = evaluator.evaluatorSeconds();
    long started = System.nanoTime();
    onWorkerThread(() -> driver(mode).run(job, trainer, evaluator));
    if (!job.ended()) {
      throw new IllegalStateException("the loop stopped before the job ended: " + job.status());
    }
    return new LoopRun(
        mode,
        job.status(),
        job.resultSha256(),
        job.checkpointEvents(),
        job.evaluationEvents(),
        job.decisions(),
        (job.endedAt() - started) / 1e9,
        trainer.seconds() - trainerBefore,
        evaluator.generatorSeconds() - generatorBefore,
        evaluator.evaluatorSeconds() - evaluatorBefore);
  }

  /**
   * Runs {@code loop} on a thread of its own and waits for it. The services train and generate on
   * their messaging workers, never on the thread that loaded the engine; PyTorch keeps settings per
   * thread (intra-op threads, grad mode), so the main thread could compute differently.
   */
  private static void onWorkerThread(Loop loop) throws InterruptedException {
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              loop.run();
              return null;
            });
    Thread worker = new Thread(task, "in-process-loop");
    worker.start();
    worker.join();
    try {
      task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("the loop failed", e.getCause());
    }
  }

  /** A loop body that may be interrupted. */
  private interface Loop {
    void run() throws InterruptedException;
  }

  private static JobDriver driver(LoopMode mode) {
    return switch (mode) {
      case SERIAL -> new SerialLoop();
      case PIPELINED -> new PipelinedLoop();
    };
  }

  @Override
  public void close() {
    evaluator.close();
    trainer.close();
  }
}
