package io.lethe.orchestrator.report;

import io.lethe.orchestrator.auth.TenantScope;
import io.lethe.orchestrator.control.Controller;
import io.lethe.orchestrator.repository.CheckpointRecord;
import io.lethe.orchestrator.repository.DecisionRecord;
import io.lethe.orchestrator.repository.EvaluationRecord;
import io.lethe.orchestrator.rest.JobView;
import io.lethe.orchestrator.service.JobService;
import io.lethe.schemas.domain.MetricResult;
import io.lethe.schemas.json.LetheJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link JobReport} from the stored checkpoints, evaluations and decisions of a job.
 */
@ApplicationScoped
public class ReportService {

  private final JobService jobs;

  public ReportService(JobService jobs) {
    this.jobs = jobs;
  }

  /**
   * The report of job {@code id} (fails with JobNotFoundException for a job that is unknown or
   * outside {@code scope}).
   */
  public Uni<JobReport> report(String id, TenantScope scope) {
    return jobs.find(id, scope)
        .flatMap(
            job ->
                jobs.checkpoints(id, scope)
                    .flatMap(
                        checkpoints ->
                            jobs.evaluations(id, scope)
                                .flatMap(
                                    evaluations ->
                                        jobs.decisions(id, scope)
                                            .map(
                                                decisions ->
                                                    assemble(
                                                        JobView.of(job),
                                                        checkpoints,
                                                        evaluations,
                                                        decisions)))));
  }

  static JobReport assemble(
      JobView job,
      List<CheckpointRecord> checkpoints,
      List<EvaluationRecord> evaluations,
      List<DecisionRecord> decisions) {
    Map<String, Double> alphaBySha = new LinkedHashMap<>();
    checkpoints.forEach(
        c -> {
          if (c.mixAlpha != null) {
            alphaBySha.put(c.sha256, c.mixAlpha);
          }
        });
    List<JobReport.Point> points = new ArrayList<>();
    for (EvaluationRecord e : evaluations) {
      Map<String, Double> computed = new LinkedHashMap<>();
      Map<String, String> missing = new LinkedHashMap<>();
      metrics(e.metricsJson)
          .forEach(
              (k, r) -> {
                if (r.computed() && r.value() != null) {
                  computed.put(k, r.value());
                } else {
                  missing.put(k, r.reason());
                }
              });
      points.add(
          new JobReport.Point(
              e.step, e.kind.name(), alphaBySha.get(e.checkpointSha256), computed, missing));
    }
    points.sort(
        Comparator.comparingInt(JobReport.Point::step)
            .thenComparing(p -> p.mixAlpha() == null ? -1.0 : p.mixAlpha()));
    Map<String, Double> floors = new LinkedHashMap<>();
    int pastCrossing = 0;
    // the decision records what had been trained when it was taken; the segment then in flight
    // still ends and is published, so the report counts up to the furthest training checkpoint
    int furthestTrained =
        checkpoints.stream().filter(c -> c.mixAlpha == null).mapToInt(c -> c.step).max().orElse(0);
    List<JobReport.DecisionMark> marks = new ArrayList<>();
    for (DecisionRecord d : decisions) {
      Map<String, Double> observed = observed(d.observedJson);
      observed.forEach(
          (k, v) -> {
            if (k.startsWith(Controller.FLOOR) && v != null) {
              floors.put(k.substring(Controller.FLOOR.length()), v);
            }
          });
      Double past = observed.get(Controller.STEPS_PAST_CROSSING);
      if (past != null) {
        pastCrossing = Math.max(pastCrossing, Math.max(past.intValue(), furthestTrained - d.step));
      }
      marks.add(new JobReport.DecisionMark(d.step, d.decision.name(), d.reason, d.mixAlpha));
    }
    Integer resultStep = null;
    Double resultAlpha = null;
    if (job.result() != null) {
      for (CheckpointRecord c : checkpoints) {
        // identical weights can recur at a later step: the result is their first appearance
        if (c.sha256.equals(job.result().sha256()) && (resultStep == null || c.step < resultStep)) {
          resultStep = c.step;
          resultAlpha = c.mixAlpha;
        }
      }
    }
    return new JobReport(job, points, floors, marks, pastCrossing, resultStep, resultAlpha);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> observed(String json) {
    Map<String, Object> raw = LetheJson.read(json, Map.class);
    Map<String, Double> values = new LinkedHashMap<>();
    raw.forEach((k, v) -> values.put(k, v instanceof Number n ? n.doubleValue() : null));
    return values;
  }

  private static Map<String, MetricResult> metrics(String json) {
    return LetheJson.mapper()
        .convertValue(
            LetheJson.read(json, Map.class),
            LetheJson.mapper()
                .getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, MetricResult.class));
  }
}
