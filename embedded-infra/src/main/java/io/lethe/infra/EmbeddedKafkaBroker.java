package io.lethe.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) running inside this
 * JVM.
 *
 * <p>It exists because the platform is tested and run locally without Docker: the same broker code
 * as a production cluster, started from Maven artifacts in about two seconds. With a persistent
 * data directory the log survives a restart (the directory is formatted only once, when {@code
 * meta.properties} is missing).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path dataDirectory;
  private final boolean temporary;

  private EmbeddedKafkaBroker(
      KafkaRaftServer server, String bootstrapServers, Path dataDirectory, boolean temporary) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.dataDirectory = dataDirectory;
    this.temporary = temporary;
  }

  /** A builder with free ports and a temporary data directory. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Where the broker keeps its log and metadata. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the broker and waits for it; a temporary data directory is deleted. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    if (temporary) {
      Directories.deleteRecursively(dataDirectory);
    }
  }

  /** Configures and starts an {@link EmbeddedKafkaBroker}. */
  public static final class Builder {
    private int port;
    private int controllerPort;
    private Path dataDirectory;
    private int partitions = 3;

    private Builder() {}

    /** PLAINTEXT listener port; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Controller listener port; 0 (default) picks a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    /**
     * A persistent data directory (kept on close); default is a temporary one (deleted on close).
     */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    /**
     * Default partition count of auto-created topics (keyed by jobId, so jobs spread over
     * consumers).
     */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /** Formats the storage if needed and starts the broker; returns once it accepts connections. */
    public EmbeddedKafkaBroker start() {
      boolean temporary = dataDirectory == null;
      Path dir;
      try {
        dir = temporary ? Files.createTempDirectory("lethe-kafka-") : dataDirectory;
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the Kafka data directory", e);
      }
      int brokerPort = port > 0 ? port : FreePorts.next();
      int quorumPort = controllerPort > 0 ? controllerPort : FreePorts.next();
      Properties props = brokerProperties(dir, brokerPort, quorumPort);
      formatIfNeeded(dir, props);
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      return new EmbeddedKafkaBroker(server, "127.0.0.1:" + brokerPort, dir, temporary);
    }

    private Properties brokerProperties(Path dir, int brokerPort, int quorumPort) {
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", "1");
      p.put("controller.quorum.voters", "1@127.0.0.1:" + quorumPort);
      p.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + quorumPort);
      p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("log.dirs", dir.resolve("log").toString());
      p.put("num.partitions", Integer.toString(partitions));
      // A single node cannot replicate: every internal topic must accept replication factor 1.
      p.put("offsets.topic.replication.factor", "1");
      p.put("offsets.topic.num.partitions", "5");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("share.coordinator.state.topic.replication.factor", "1");
      p.put("share.coordinator.state.topic.min.isr", "1");
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("auto.create.topics.enable", "true");
      return p;
    }

    private void formatIfNeeded(Path dir, Properties props) {
      Path logDir = dir.resolve("log");
      if (Files.exists(logDir.resolve("meta.properties"))) {
        return; // persistent directory formatted by an earlier run: formatting again would fail
      }
      Path configFile = dir.resolve("server.properties");
      try (var out = Files.newOutputStream(configFile)) {
        props.store(out, "Lethe embedded Kafka");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the broker configuration", e);
      }
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      // execute (not main): main calls System.exit.
      int rc =
          StorageTool.execute(
              new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()
              },
              new PrintStream(captured, true, StandardCharsets.UTF_8));
      if (rc != 0) {
        throw new IllegalStateException(
            "formatting Kafka storage failed: " + captured.toString(StandardCharsets.UTF_8));
      }
    }
  }
}
