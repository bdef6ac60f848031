package io.lethe.orchestrator.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Reads request bodies as they are typed: Jackson would otherwise turn {@code "seed":"12"} into 12,
 * {@code 0.5} into an integer 0, {@code 3147} into {@code true}, {@code null} into a primitive's 0
 * and an enum's ordinal into the enum, and a job would run with values its author never wrote.
 * Unknown properties are refused too: a misspelt {@code "learningRte"} would otherwise leave the
 * default learning rate in place without a word, and a client that sends a field this server does
 * not know yet must learn that it is not honoured rather than run a different job. (Kafka events
 * are read by their own mapper, {@code LetheJson}, which ignores unknown fields so that events can
 * evolve additively.)
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
