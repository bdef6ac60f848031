package io.lethe.orchestrator.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lethe.orchestrator.repository.CheckpointRecord;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.json.LetheJson;
import java.time.Instant;
import java.util.Map;

/** A checkpoint of a job with its lineage and training statistics. */
public record CheckpointView(
    int step,
    int segment,
    JobKind kind,
    String uri,
    String sha256,
    String parentSha256,
    Map<String, Object> lossTerms,
    Double gradNorm,
    long tokens,
    double seconds,
    Double mixAlpha,
    Instant at) {

  private static final TypeReference<Map<String, Object>> TERMS = new TypeReference<>() {};

  static CheckpointView of(CheckpointRecord r) {
    try {
      return new CheckpointView(
          r.step,
          r.segment,
          r.kind,
          r.uri,
          r.sha256,
          r.parentSha256,
          r.lossTermsJson == null ? Map.of() : LetheJson.mapper().readValue(r.lossTermsJson, TERMS),
          r.gradNorm,
          r.tokens,
          r.seconds,
          r.mixAlpha,
          r.occurredAt);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored checkpoint " + r.id + " is unreadable", e);
    }
  }
}
