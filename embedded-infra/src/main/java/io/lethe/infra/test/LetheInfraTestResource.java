package io.lethe.infra.test;

import io.lethe.infra.EmbeddedKafkaBroker;
import io.lethe.infra.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the real infrastructure of a service's Quarkus tests: PostgreSQL (optional), a KRaft Kafka
 * broker and a {@link KafkaCompanion} client, and points the application at them.
 *
 * <p>Register it once per test module with {@code @WithTestResource(value =
 * LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)} so infrastructure and
 * application start once per test JVM. Init arg {@code postgres} ({@code true}/{@code false},
 * default {@code false}) says whether the service needs a database.
 */
public class LetheInfraTestResource implements QuarkusTestResourceLifecycleManager {

  /** Init arg that asks for PostgreSQL too. */
  public static final String POSTGRES = "postgres";

  private boolean withPostgres;
  private EmbeddedPostgresServer postgres;
  private EmbeddedKafkaBroker kafka;
  private KafkaCompanion companion;

  @Override
  public void init(Map<String, String> initArgs) {
    withPostgres = Boolean.parseBoolean(initArgs.getOrDefault(POSTGRES, "false"));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    if (withPostgres) {
      postgres = EmbeddedPostgresServer.start();
      config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
      config.put("quarkus.datasource.username", EmbeddedPostgresServer.USERNAME);
      config.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
    }
    kafka = EmbeddedKafkaBroker.builder().start();
    companion = new KafkaCompanion(kafka.bootstrapServers());
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    config.put("quarkus.devservices.enabled", "false");
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        companion,
        new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
  }

  @Override
  public void stop() {
    // reverse order of start: clients, then the broker, then the database
    if (companion != null) {
      companion.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }
}
