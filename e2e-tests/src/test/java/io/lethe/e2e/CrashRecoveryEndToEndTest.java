package io.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.schemas.Topics;
import io.lethe.schemas.events.ControlDecisionEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.LetheJson;
import io.lethe.stack.LetheService;
import io.lethe.stack.LocalStack;
import io.lethe.stack.demo.OrchestratorClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Crashes, as a node failure or an OOM kill would cause them: a service is killed with SIGKILL (no
 * graceful shutdown, no offset commit) in the middle of a job, and started again.
 *
 * <ul>
 *   <li>the trainer, in the middle of a training segment: the job resumes from the last committed
 *       checkpoint and ends with weights bit-identical to the same job run without a crash;
 *   <li>the orchestrator, in the middle of a controlled job: the job goes on from PostgreSQL and
 *       Kafka, takes exactly the decisions an uninterrupted run takes, each once, and no command is
 *       lost or issued twice.
 * </ul>
 */
@ExtendWith(EndToEndStackExtension.class)
class CrashRecoveryEndToEndTest {

  static EndToEndStack e2e;
  static OrchestratorClient api;
  static LocalStack stack;

  @BeforeAll
  static void useTheSharedStack(EndToEndStack shared) {
    e2e = shared;
    api = shared.api();
    stack = shared.stack();
  }

  @Test
  void aTrainerKilledMidSegmentResumesFromItsLastCheckpointToTheSameBits() throws Exception {
    // the uninterrupted run: the target model, fine-tuned with the same request
    JsonNode uninterrupted = e2e.target();
    String id = api.submit(EndToEndStack.finetune("full"));

    // wait until the trainer is a few optimizer steps into a training segment after the first
    Path log = stack.config().serviceLog(LetheService.TRAINER);
    Awaitility.await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> segmentsStarted(log, id).stream().anyMatch(s -> s >= 2));
    double stepsAtStart = trainerSteps();
    Awaitility.await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> trainerSteps() >= stepsAtStart + 10);
    stack.killService(LetheService.TRAINER);

    // it died mid-segment: the last segment it started has no commit line
    String killedLog = Files.readString(log);
    int interrupted = max(segmentsStarted(log, id));
    assertThat(segmentsCommitted(killedLog, id)).doesNotContain(interrupted);
    assertThat(api.job(id).path("status").asText()).isEqualTo("RUNNING");

    stack.restartService(LetheService.TRAINER);
    JsonNode job = e2e.awaitEnd(id, Duration.ofMinutes(10));

    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
    // bit-identical: every checkpoint, and so the result, has the uninterrupted run's hash
    assertThat(job.path("result").path("sha256").asText())
        .isEqualTo(uninterrupted.path("result").path("sha256").asText());
    assertThat(checkpointHashes(id)).isEqualTo(checkpointHashes(uninterrupted.path("id").asText()));
    // no step lost or applied twice: one checkpoint per segment, each the child of the one before
    JsonNode checkpoints = api.checkpoints(id);
    for (int i = 1; i < checkpoints.size(); i++) {
      assertThat(checkpoints.get(i).path("parentSha256").asText())
          .isEqualTo(checkpoints.get(i - 1).path("sha256").asText());
      assertThat(checkpoints.get(i).path("step").asInt())
          .isGreaterThan(checkpoints.get(i - 1).path("step").asInt());
    }
    // the restarted trainer trained the interrupted segment again, and none it had committed
    String restartedLog = Files.readString(log);
    List<Integer> retrained = segmentsCommitted(restartedLog, id);
    assertThat(retrained).contains(interrupted);
    assertThat(retrained).allMatch(s -> s >= interrupted);
  }

  @Test
  void anOrchestratorKilledMidJobGoesOnAndDecidesEachStepOnce() throws Exception {
    String floor = ControlledUnlearningEndToEndTest.MU;
    String controlId = api.submit(e2e.gradientAscent(floor, "HALT"));
    JsonNode control = e2e.awaitEnd(controlId, Duration.ofMinutes(10));
    assertThat(control.path("status").asText()).as(control.toString()).isEqualTo("HALTED");

    String id = api.submit(e2e.gradientAscent(floor, "HALT"));
    Awaitility.await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> api.decisions(id).size() >= 1);
    stack.killService(LetheService.ORCHESTRATOR);
    // the trainer, generator and evaluator go on with what was commanded; their events wait in
    // Kafka for the orchestrator
    Thread.sleep(5_000);
    stack.restartService(LetheService.ORCHESTRATOR);
    JsonNode job = e2e.awaitEnd(id, Duration.ofMinutes(10));

    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("HALTED");
    // the same decisions, at the same steps, with the same result as the uninterrupted run
    assertThat(decisionTrail(id)).isEqualTo(decisionTrail(controlId));
    assertThat(job.path("result").path("sha256").asText())
        .isEqualTo(control.path("result").path("sha256").asText());

    String bootstrap = stack.endpoints().kafkaBootstrapServers();
    // each decision published once per decision: a record seen twice is the same event (the
    // outbox is at-least-once), never a second decision on the same step
    Map<UUID, ControlDecisionEvent> decisions = new LinkedHashMap<>();
    for (var r : TopicRecords.read(bootstrap, Topics.CONTROL_DECISIONS)) {
      ControlDecisionEvent d = LetheJson.read(r.value(), ControlDecisionEvent.class);
      if (d.jobId().equals(id)) {
        decisions.putIfAbsent(d.eventId(), d);
      }
    }
    assertThat(decisions.values().stream().map(d -> d.step() + "/" + d.mixAlpha()))
        .doesNotHaveDuplicates()
        .hasSize(api.decisions(id).size());
    // every segment commanded once: distinct commands are distinct segments, numbered without gaps
    Map<UUID, UnlearningStepCommand> commands = new LinkedHashMap<>();
    for (var r : TopicRecords.read(bootstrap, Topics.UNLEARNING_STEPS)) {
      UnlearningStepCommand c = LetheJson.read(r.value(), UnlearningStepCommand.class);
      if (c.jobId().equals(id)) {
        commands.putIfAbsent(c.eventId(), c);
      }
    }
    List<Integer> segments =
        commands.values().stream().map(UnlearningStepCommand::segment).sorted().toList();
    assertThat(segments).doesNotHaveDuplicates();
    assertThat(segments.get(segments.size() - 1)).isEqualTo(segments.size() - 1);
  }

  /** (step, decision, α) of every decision, oldest first. */
  static List<String> decisionTrail(String id) {
    List<String> trail = new ArrayList<>();
    for (JsonNode d : api.decisions(id)) {
      trail.add(
          d.path("step").asInt()
              + " "
              + d.path("decision").asText()
              + (d.path("mixAlpha").isNumber() ? " α=" + d.path("mixAlpha").asDouble() : ""));
    }
    return trail;
  }

  static List<String> checkpointHashes(String id) {
    List<String> hashes = new ArrayList<>();
    api.checkpoints(id).forEach(c -> hashes.add(c.path("step") + ":" + c.path("sha256").asText()));
    return hashes;
  }

  /** Optimizer steps the running trainer has taken since it started (all jobs, all methods). */
  static double trainerSteps() throws IOException, InterruptedException {
    URI metrics = stack.endpoints().metricsUrl(LetheService.TRAINER);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
    return response
        .body()
        .lines()
        .filter(l -> l.startsWith("lethe_trainer_step_seconds_count"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Segments of the job the trainer logged as started ("job <id>: segment <n> (…"). */
  static List<Integer> segmentsStarted(Path log, String id) throws IOException {
    return numbers(Files.readString(log), "job " + Pattern.quote(id) + ": segment (\\d+) \\(");
  }

  /** Segments of the job the trainer trained and committed ("… checkpoint at step …"). */
  static List<Integer> segmentsCommitted(String log, String id) {
    return numbers(log, "job " + Pattern.quote(id) + " segment (\\d+): \\w+ checkpoint at step");
  }

  static List<Integer> numbers(String text, String regex) {
    List<Integer> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(Integer.parseInt(m.group(1)));
    }
    return found;
  }

  static int max(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }
}
