package io.lethe.schemas.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one configured {@link ObjectMapper} of Lethe's wire format: ISO-8601 instants, unknown
 * properties ignored (so an old consumer reads a newer event: evolution is additive), failures
 * reported as {@link MalformedEventException}.
 */
public final class LetheJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          // absent optional fields are omitted, not written as null: the JSON Schemas type them
          // without null
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private LetheJson() {}

  /** The shared mapper; treat it as read-only. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** JSON text of {@code value}. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Parses {@code json} as {@code type}.
   *
   * @throws MalformedEventException if it is not valid JSON of that type
   */
  public static <T> T read(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw new MalformedEventException(type.getSimpleName() + ": empty payload");
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException(type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
