package io.lethe.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.stack.demo.DemoPlan;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference models of an unlearning job, fine-tuned in-process through the trainer's code as
 * LoopCostBenchmark fine-tunes them through the job API: the target on every author, the retain
 * model without the forget authors. They are recorded in the data directory and reused by the next
 * run over it, since fine-tuning the tiny preset costs more than the loop being measured.
 *
 * @param target the target model
 * @param retain the retain model
 */
record TargetAndRetain(DemoPlan.ModelRef target, DemoPlan.ModelRef retain) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The reference models of {@code preset} recorded under {@code data}, or fine-tuned now. */
  static TargetAndRetain of(String preset, Path data, InProcessLoop loop)
      throws IOException, InterruptedException {
    Path record = data.resolve("reference-models-" + preset + ".json");
    if (Files.isRegularFile(record)) {
      JsonNode known = JSON.readTree(record.toFile());
      TargetAndRetain models =
          new TargetAndRetain(ref(known.path("target")), ref(known.path("retain")));
      if (Files.isDirectory(Path.of(URI.create(models.target().uri())))
          && Files.isDirectory(Path.of(URI.create(models.retain().uri())))) {
        System.out.printf("%s: reference models of %s reused%n", preset, record);
        return models;
      }
    }
    long started = System.nanoTime();
    TargetAndRetain models =
        new TargetAndRetain(finetune(loop, preset, "full"), finetune(loop, preset, "retain"));
    System.out.printf(
        "%s: reference models fine-tuned in-process in %.1f s%n",
        preset, (System.nanoTime() - started) / 1e9);
    ObjectNode saved = JSON.createObjectNode();
    saved
        .putObject("target")
        .put("uri", models.target().uri())
        .put("sha256", models.target().sha256());
    saved
        .putObject("retain")
        .put("uri", models.retain().uri())
        .put("sha256", models.retain().sha256());
    Files.writeString(record, saved.toPrettyString());
    return models;
  }

  private static DemoPlan.ModelRef finetune(InProcessLoop loop, String preset, String trainOn)
      throws InterruptedException {
    LoopRun run = loop.run(DemoPlan.finetune(DemoPlan.builtin(), trainOn, preset), LoopMode.SERIAL);
    if (run.status() != JobStatus.COMPLETED) {
      throw new IllegalStateException("fine-tuning " + trainOn + " ended " + run.status());
    }
    CheckpointEvent result = run.result();
    return new DemoPlan.ModelRef(result.uri(), result.sha256());
  }

  private static DemoPlan.ModelRef ref(JsonNode node) {
    return new DemoPlan.ModelRef(node.path("uri").asText(), node.path("sha256").asText());
  }
}
