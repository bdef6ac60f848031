package io.lethe.orchestrator.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lethe.orchestrator.repository.DecisionRecord;
import io.lethe.schemas.domain.Decision;
import io.lethe.schemas.json.LetheJson;
import java.time.Instant;
import java.util.Map;

/** A controller decision as the API shows it (the audit trail). */
public record DecisionView(
    int step,
    Decision decision,
    String reason,
    Map<String, Double> observed,
    String resultSha256,
    Double mixAlpha,
    Instant at) {

  private static final TypeReference<Map<String, Double>> OBSERVED = new TypeReference<>() {};

  static DecisionView of(DecisionRecord r) {
    Map<String, Double> observed;
    try {
      observed = LetheJson.mapper().readValue(r.observedJson, OBSERVED);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored decision " + r.id + " is unreadable", e);
    }
    return new DecisionView(
        r.step, r.decision, r.reason, observed, r.resultSha256, r.mixAlpha, r.createdAt);
  }
}
