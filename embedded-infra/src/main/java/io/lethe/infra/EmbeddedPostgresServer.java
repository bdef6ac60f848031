package io.lethe.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (zonky's binaries from a Maven jar) as a child process of this JVM.
 *
 * <p>It exists so that the orchestrator is tested and run locally against the same database engine
 * as in production, without Docker. With a persistent data directory the data survives a restart.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** Database and user that zonky initialises. */
  public static final String DATABASE = "postgres";

  public static final String USERNAME = "postgres";
  public static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts PostgreSQL on a free port with a temporary data directory. */
  public static EmbeddedPostgresServer start() {
    return start(0, null);
  }

  /**
   * Starts PostgreSQL.
   *
   * @param port fixed port, or 0 for a free one
   * @param dataDirectory persistent data directory, or null for a temporary one
   */
  public static EmbeddedPostgresServer start(int port, Path dataDirectory) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      builder.setPort(port > 0 ? port : FreePorts.next());
      if (dataDirectory != null) {
        builder.setDataDirectory(dataDirectory.toFile()).setCleanDataDirectory(false);
      }
      return new EmbeddedPostgresServer(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  /** The port PostgreSQL listens on (loopback). */
  public int port() {
    return postgres.getPort();
  }

  /** JDBC URL of the {@value #DATABASE} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  /** Vert.x reactive client URL of the {@value #DATABASE} database (Hibernate Reactive). */
  public String reactiveUrl() {
    return "postgresql://localhost:" + port() + "/" + DATABASE;
  }

  /** Stops the server (a temporary data directory is removed by zonky). */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
    }
  }
}
