package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The environment check on the real service modules: what a service reads is accepted, what it does
 * not read — a typo, another service's key — is not.
 */
class ServiceConfigKeysTest {

  @Test
  void envFormReplacesEverySeparatorAndUppercases() {
    assertThat(ServiceConfigKeys.envName("lethe.evaluator.original-answers.directory"))
        .isEqualTo("LETHE_EVALUATOR_ORIGINAL_ANSWERS_DIRECTORY");
    assertThat(ServiceConfigKeys.envName("kafka.bootstrap.servers"))
        .isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void theOrchestratorReadsItsDatabaseAndKafkaButTheTrainerHasNoDatabase() {
    ServiceConfigKeys orchestrator = ServiceConfigKeys.of("orchestrator-service");
    ServiceConfigKeys trainer = ServiceConfigKeys.of("trainer-service");
    assertThat(orchestrator.whyRead("QUARKUS_DATASOURCE_REACTIVE_URL")).isPresent();
    assertThat(orchestrator.whyRead("QUARKUS_DATASOURCE_PASSWORD")).isPresent();
    assertThat(orchestrator.whyRead("KAFKA_BOOTSTRAP_SERVERS")).isPresent();
    assertThat(orchestrator.whyRead("QUARKUS_HTTP_PORT")).isPresent();
    assertThat(trainer.whyRead("QUARKUS_DATASOURCE_REACTIVE_URL")).isEmpty();
    assertThat(trainer.whyRead("KAFKA_BOOTSTRAP_SERVER")).as("a typo").isEmpty();
  }

  @Test
  void configMappingMembersAreKeysAndNeighboursOfThemAreNot() {
    ServiceConfigKeys evaluator = ServiceConfigKeys.of("evaluator-service");
    assertThat(evaluator.readsAsConfiguration("LETHE_EVALUATOR_ASSEMBLY_MAX_INCOMPLETE")).isTrue();
    assertThat(evaluator.readsAsConfiguration("LETHE_EVALUATOR_ORIGINAL_ANSWERS_DIRECTORY"))
        .isTrue();
    assertThat(evaluator.readsAsConfiguration("LETHE_EVALUATOR_ORIGINAL_ANSWER_DIRECTORY"))
        .as("one letter off")
        .isFalse();
  }

  @Test
  void theDeviceAndCheckpointStoreVariablesAreReadByTheServicesThatUseThem() {
    ServiceConfigKeys trainer = ServiceConfigKeys.of("trainer-service");
    ServiceConfigKeys generator = ServiceConfigKeys.of("generator-service");
    assertThat(trainer.readsAsConfiguration("LETHE_TRAINER_DEVICE")).isTrue();
    assertThat(trainer.readsAsConfiguration("LETHE_CHECKPOINT_ROOT")).isTrue();
    assertThat(generator.readsAsConfiguration("LETHE_GENERATOR_DEVICE")).isTrue();
    // read through the expression ${LETHE_CHECKPOINT_ROOT:…} of lethe.generator.checkpoint-root
    assertThat(generator.readsAsConfiguration("LETHE_CHECKPOINT_ROOT")).isTrue();
    assertThat(generator.readsAsConfiguration("LETHE_TRAINER_DEVICE")).isFalse();
    assertThat(ServiceConfigKeys.of("orchestrator-service").whyRead("LETHE_TRAINER_DEVICE"))
        .isEmpty();
  }

  @Test
  void libraryVariablesAreAcceptedAsTheLibrarysOwn() {
    assertThat(ServiceConfigKeys.of("evaluator-service").whyRead("DJL_OFFLINE"))
        .hasValueSatisfying(why -> assertThat(why).startsWith("DJL"));
  }
}
