package io.lethe.stack;

import java.time.Duration;
import java.util.Locale;

/**
 * How long each phase of a stack startup took: printed by the launcher and quoted in benchmarks, so
 * a slow start can be blamed on the right part.
 *
 * @param postgres PostgreSQL (includes initdb on the first run)
 * @param kafka the in-process broker (includes formatting on the first run)
 * @param services launching the four JVMs until all report ready
 * @param total from the start request until everything is ready
 */
public record StartupTimings(Duration postgres, Duration kafka, Duration services, Duration total) {

  /** E.g. {@code 14.2 s (PostgreSQL 1.6 s, Kafka 2.5 s, services 10.1 s)}. */
  public String summary() {
    return seconds(total)
        + " (PostgreSQL "
        + seconds(postgres)
        + ", Kafka "
        + seconds(kafka)
        + ", services "
        + seconds(services)
        + ")";
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
