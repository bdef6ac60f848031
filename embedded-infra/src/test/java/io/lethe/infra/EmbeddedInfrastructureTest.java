package io.lethe.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded servers are real: records and rows written before a restart are there after it. */
class EmbeddedInfrastructureTest {

  @TempDir Path dir;

  @Test
  void kafkaKeepsRecordsAcrossRestartOfAPersistentDirectory() throws Exception {
    int port = FreePorts.next();
    int controller = FreePorts.next();
    String topic = "persisted-" + UUID.randomUUID();
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .port(port)
            .controllerPort(controller)
            .dataDirectory(dir.resolve("kafka"))
            .start()) {
      produce(broker.bootstrapServers(), topic, "job-1", "hello");
    }
    assertThat(Files.exists(dir.resolve("kafka/log/meta.properties"))).isTrue();
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .port(port)
            .controllerPort(controller)
            .dataDirectory(dir.resolve("kafka"))
            .start()) {
      assertThat(consumeAll(broker.bootstrapServers(), topic)).containsExactly("hello");
    }
  }

  @Test
  void postgresKeepsRowsAcrossRestartOfAPersistentDirectory() throws Exception {
    Path data = dir.resolve("pg");
    int port = FreePorts.next();
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(port, data)) {
      try (Connection c = connect(pg);
          Statement s = c.createStatement()) {
        s.execute("create table t (v text)");
        s.execute("insert into t values ('kept')");
      }
    }
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(port, data);
        Connection c = connect(pg);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select v from t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("kept");
      assertThat(pg.reactiveUrl()).isEqualTo("postgresql://localhost:" + port + "/postgres");
    }
  }

  private static Connection connect(EmbeddedPostgresServer pg) throws Exception {
    return DriverManager.getConnection(
        pg.jdbcUrl(), EmbeddedPostgresServer.USERNAME, EmbeddedPostgresServer.PASSWORD);
  }

  private static void produce(String bootstrap, String topic, String key, String value)
      throws Exception {
    Map<String, Object> cfg =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    try (var producer = new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static List<String> consumeAll(String bootstrap, String topic) {
    Map<String, Object> cfg =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(cfg, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          return java.util.stream.StreamSupport.stream(records.spliterator(), false)
              .map(r -> r.value())
              .toList();
        }
      }
      return List.of();
    }
  }
}
