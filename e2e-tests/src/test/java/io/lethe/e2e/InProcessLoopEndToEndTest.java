package io.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.inprocess.InProcessLoop;
import io.lethe.inprocess.LoopMode;
import io.lethe.inprocess.LoopRun;
import io.lethe.stack.demo.DemoPlan;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process loop benchmark compares wall times only if it does the services' work. The demo's
 * controlled job (what LoopCostBenchmark and the in-process benchmark run) goes through the four
 * services and then through {@link InProcessLoop} in both modes, from the same micro models in the
 * same checkpoint store: every step must have the same weights, every evaluation the same metrics,
 * every decision the same outcome and reason. And fine-tuning in-process must reproduce the
 * services' target model.
 */
@ExtendWith(EndToEndStackExtension.class)
class InProcessLoopEndToEndTest {

  @Test
  void theInProcessLoopTrainsEvaluatesAndDecidesExactlyAsTheServices(
      EndToEndStack e2e, @TempDir Path answers) throws InterruptedException {
    ObjectNode job =
        DemoPlan.unlearn("ME+GD", "forget10", "HALT", ref(e2e.target()), ref(e2e.retain()));
    job.put("seed", 1101L);
    String id = e2e.api().submit(job);
    e2e.awaitEnd(id, Duration.ofMinutes(5));
    LoopTrajectory services = LoopTrajectory.ofServices(e2e, id);
    assertThat(services.evaluations()).hasSizeGreaterThanOrEqualTo(2);

    for (LoopMode mode : LoopMode.values()) {
      LoopTrajectory inProcess;
      try (InProcessLoop loop =
          new InProcessLoop(checkpointRoot(e2e), answers.resolve(mode.name()))) {
        inProcess = LoopTrajectory.ofInProcess(loop.run(job, mode));
      }
      assertThat(inProcess.evaluations())
          .as(mode + ": evaluations")
          .isEqualTo(services.evaluations());
      assertThat(inProcess.decisions()).as(mode + ": decisions").isEqualTo(services.decisions());
      assertThat(inProcess.result()).as(mode + ": result").isEqualTo(services.result());
      assertThat(inProcess.checkpointsAlsoIn(services))
          .as(mode + ": checkpoints")
          .isEqualTo(services.checkpointsAlsoIn(inProcess))
          .containsKeys(0, 5);
    }
  }

  @Test
  void fineTuningInProcessReproducesTheServicesTargetModel(EndToEndStack e2e, @TempDir Path answers)
      throws InterruptedException {
    JsonNode target = e2e.target();
    LoopRun run;
    try (InProcessLoop loop = new InProcessLoop(checkpointRoot(e2e), answers)) {
      run = loop.run(EndToEndStack.finetune("full"), LoopMode.SERIAL);
    }
    LoopTrajectory services = LoopTrajectory.ofServices(e2e, target.path("id").asText());
    assertThat(LoopTrajectory.ofInProcess(run).checkpoints()).isEqualTo(services.checkpoints());
    assertThat(run.resultSha256()).isEqualTo(target.path("result").path("sha256").asText());
  }

  private static Path checkpointRoot(EndToEndStack e2e) {
    // the generator refuses models outside its store: the in-process loop shares the services'
    return e2e.stack().config().checkpointRoot();
  }

  private static DemoPlan.ModelRef ref(JsonNode job) {
    return new DemoPlan.ModelRef(
        job.path("result").path("uri").asText(), job.path("result").path("sha256").asText());
  }
}
