package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.stack.results.ResultsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static final Path REPO = Path.of("/srv/lethe");

  private static CommandLine parse(String... args) throws UsageException {
    return CommandLine.parse(List.of(args), Optional.of(REPO));
  }

  @Test
  void noArgumentsMeansUpWithTheDocumentedDefaults() throws UsageException {
    CommandLine cl = parse();

    assertThat(cl.command()).isEqualTo(CommandLine.Command.UP);
    StackConfig c = cl.config();
    assertThat(c.repoRoot()).isEqualTo(REPO);
    assertThat(c.dataDirectory()).isEqualTo(REPO.resolve(".lethe"));
    assertThat(c.postgresPort()).isEqualTo(55432);
    assertThat(c.kafkaPort()).isEqualTo(59092);
    assertThat(c.kafkaControllerPort()).isEqualTo(59093);
    assertThat(c.servicePorts())
        .containsEntry(LetheService.ORCHESTRATOR, 8080)
        .containsEntry(LetheService.TRAINER, 8081)
        .containsEntry(LetheService.GENERATOR, 8082)
        .containsEntry(LetheService.EVALUATOR, 8083);
    assertThat(c.readyTimeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(c.stopGrace()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() throws UsageException {
    CommandLine cl =
        parse(
            "up",
            "--data-dir",
            "/tmp/lethe-data",
            "--postgres-port=6543",
            "--kafka-port",
            "19092",
            "--kafka-controller-port=19093",
            "--orchestrator-port",
            "9080",
            "--trainer-port=9081",
            "--generator-port",
            "9082",
            "--evaluator-port=9083",
            "--timeout",
            "60",
            "--stop-grace=5");

    StackConfig c = cl.config();
    assertThat(c.dataDirectory()).isEqualTo(Path.of("/tmp/lethe-data"));
    assertThat(c.postgresPort()).isEqualTo(6543);
    assertThat(c.kafkaPort()).isEqualTo(19092);
    assertThat(c.kafkaControllerPort()).isEqualTo(19093);
    assertThat(c.servicePort(LetheService.ORCHESTRATOR)).isEqualTo(9080);
    assertThat(c.servicePort(LetheService.TRAINER)).isEqualTo(9081);
    assertThat(c.servicePort(LetheService.GENERATOR)).isEqualTo(9082);
    assertThat(c.servicePort(LetheService.EVALUATOR)).isEqualTo(9083);
    assertThat(c.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.stopGrace()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void repoOptionMovesTheDefaultDataDirectoryWithIt() throws UsageException {
    StackConfig c = parse("--repo", "/opt/other").config();

    assertThat(c.repoRoot()).isEqualTo(Path.of("/opt/other"));
    assertThat(c.dataDirectory()).isEqualTo(Path.of("/opt/other/.lethe"));
    assertThat(c.serviceJar(LetheService.TRAINER))
        .isEqualTo(Path.of("/opt/other/trainer-service/target/quarkus-app/quarkus-run.jar"));
  }

  @Test
  void relativeDataDirectoryIsResolvedAgainstTheWorkingDirectory() throws UsageException {
    StackConfig c = parse("--data-dir", "state").config();

    assertThat(c.dataDirectory()).isEqualTo(Path.of("state").toAbsolutePath().normalize());
  }

  @Test
  void statusAndHelpCommands() throws UsageException {
    assertThat(parse("status").command()).isEqualTo(CommandLine.Command.STATUS);
    assertThat(parse("token").command()).isEqualTo(CommandLine.Command.TOKEN);
    assertThat(parse("help").command()).isEqualTo(CommandLine.Command.HELP);
    assertThat(parse("up", "--help").command()).isEqualTo(CommandLine.Command.HELP);
    assertThat(parse("-h").command()).isEqualTo(CommandLine.Command.HELP);
  }

  @Test
  void mistakesAreReportedWithTheOffendingWord() {
    assertThatThrownBy(() -> parse("down")).hasMessageContaining("unknown command 'down'");
    assertThatThrownBy(() -> parse("--kafka-prot", "1")).hasMessageContaining("--kafka-prot");
    assertThatThrownBy(() -> parse("--data-dir")).hasMessageContaining("--data-dir needs a value");
    assertThatThrownBy(() -> parse("--trainer-port", "eighty")).hasMessageContaining("'eighty'");
    assertThatThrownBy(() -> parse("--postgres-port", "70000")).hasMessageContaining("70000");
    assertThatThrownBy(() -> parse("--timeout", "-1")).hasMessageContaining("negative");
    assertThatThrownBy(() -> parse("up", "extra")).hasMessageContaining("'extra'");
  }

  @Test
  void aPortGivenTwiceIsRejectedNamingBothOwners() {
    assertThatThrownBy(() -> parse("--generator-port", "8081"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("8081")
        .hasMessageContaining("trainer-service")
        .hasMessageContaining("generator-service");
  }

  @Test
  void withoutARepositoryTheUserIsToldToPassRepo() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("up"), Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--repo");
  }

  @Test
  void resultsTakesItsOwnOptionsNextToTheStackOnes() throws UsageException {
    CommandLine cl =
        parse(
            "results",
            "--out",
            "/tmp/docs",
            "--methods",
            "me+gd, GA+GD",
            "--parallel=2",
            "--render-only",
            "--orchestrator-port",
            "8180");

    assertThat(cl.command()).isEqualTo(CommandLine.Command.RESULTS);
    assertThat(cl.results().out()).isEqualTo(Path.of("/tmp/docs"));
    assertThat(cl.results().methods()).containsExactly("GA+GD", "ME+GD"); // the plan's order
    assertThat(cl.results().parallel()).isEqualTo(2);
    assertThat(cl.results().renderOnly()).isTrue();
    assertThat(cl.results().tofu()).isFalse();
    assertThat(cl.results().outDirectory(REPO)).isEqualTo(Path.of("/tmp/docs"));
    assertThat(cl.config().servicePort(LetheService.ORCHESTRATOR)).isEqualTo(8180);
    assertThat(parse("results").results().outDirectory(REPO)).isEqualTo(REPO.resolve("docs"));
    assertThat(parse("results").results().methods()).hasSize(8);
  }

  @Test
  void resultsRunsBothPartsUnlessOnlyOneIsAsked() throws UsageException {
    var defaults = parse("results").results();
    assertThat(defaults.runs(ResultsOptions.Part.MAIN)).isTrue();
    assertThat(defaults.runs(ResultsOptions.Part.CONTINUAL)).isTrue();
    assertThat(defaults.tasks()).isEqualTo(10);

    var continual = parse("results", "--only", "continual", "--tasks", "2").results();
    assertThat(continual.runs(ResultsOptions.Part.MAIN)).isFalse();
    assertThat(continual.runs(ResultsOptions.Part.CONTINUAL)).isTrue();
    assertThat(continual.tasks()).isEqualTo(2);

    assertThatThrownBy(() -> parse("results", "--only", "claims"))
        .hasMessageContaining("main or continual");
    assertThatThrownBy(() -> parse("results", "--tasks", "11")).hasMessageContaining("[1, 10]");
  }

  @Test
  void resultsOnTofuNeedsADirectoryAndOtherCommandsRefuseResultsOptions() throws UsageException {
    CommandLine cl =
        parse("results", "--dataset", "tofu", "--tofu-dir", "/data/tofu", "--authors", "30");
    assertThat(cl.results().tofu()).isTrue();
    assertThat(cl.results().tofuDir()).isEqualTo(Path.of("/data/tofu"));
    assertThat(cl.results().authors()).isEqualTo(30);

    assertThatThrownBy(() -> parse("results", "--dataset", "tofu"))
        .hasMessageContaining("--tofu-dir");
    assertThatThrownBy(() -> parse("results", "--methods", "GA,RMU")).hasMessageContaining("'RMU'");
    assertThatThrownBy(() -> parse("results", "--authors", "5")).hasMessageContaining("[10, 200]");
    assertThatThrownBy(() -> parse("demo", "--out", "/tmp/docs"))
        .hasMessageContaining("results command");
  }
}
