package io.lethe.orchestrator.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lethe.orchestrator.repository.EvaluationRecord;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.MetricResult;
import io.lethe.schemas.json.LetheJson;
import java.time.Instant;
import java.util.Map;

/** The metrics of one evaluated checkpoint as the API shows them. */
public record EvaluationView(
    int step,
    EvaluationKind kind,
    String checkpointSha256,
    Map<String, MetricResult> metrics,
    Instant at) {

  private static final TypeReference<Map<String, MetricResult>> METRICS = new TypeReference<>() {};

  static EvaluationView of(EvaluationRecord r) {
    try {
      return new EvaluationView(
          r.step,
          r.kind,
          r.checkpointSha256,
          LetheJson.mapper().readValue(r.metricsJson, METRICS),
          r.occurredAt);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored evaluation " + r.id + " is unreadable", e);
    }
  }
}
