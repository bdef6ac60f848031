package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a Kafka record and a PostgreSQL row into a running stack, and checks after a restart that
 * both survived: the "restart keeps the data" promise of the local stack.
 */
final class PersistenceProbe {

  private static final String TOPIC = "lethe-restart-probe";
  private static final String TABLE = "lethe_restart_probe";

  private final String marker;

  PersistenceProbe(String marker) {
    this.marker = marker;
  }

  /** Creates the topic and table and writes the marker into both. */
  void write(StackEndpoints endpoints)
      throws ExecutionException, InterruptedException, SQLException {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(endpoints))) {
      producer.send(new ProducerRecord<>(TOPIC, "probe", marker)).get();
    }
    try (Connection c = connect(endpoints);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + TABLE + " (marker text PRIMARY KEY)");
      s.execute("INSERT INTO " + TABLE + " VALUES ('" + marker + "')");
    }
  }

  /** Asserts that the topic still holds the record and the table the row. */
  void assertStillThere(StackEndpoints endpoints)
      throws ExecutionException, InterruptedException, SQLException {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()))) {
      Set<String> topics = admin.listTopics().names().get();
      assertThat(topics).contains(TOPIC);
    }
    assertThat(readTopic(endpoints)).containsExactly(marker);
    try (Connection c = connect(endpoints);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT marker FROM " + TABLE)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      assertThat(rows).containsExactly(marker);
    }
  }

  private static List<String> readTopic(StackEndpoints endpoints) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }

  private static Properties producerProps(StackEndpoints endpoints) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return p;
  }

  private static Connection connect(StackEndpoints endpoints) throws SQLException {
    return DriverManager.getConnection(
        endpoints.postgresJdbcUrl(), endpoints.postgresUsername(), endpoints.postgresPassword());
  }
}
