package io.lethe.stack;

import io.lethe.stack.results.ResultsOptions;
import io.lethe.stack.results.ResultsPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's parsed arguments: which command and the {@link StackConfig} it runs with. Parsing
 * is separate from running so that every option can be tested without starting anything.
 *
 * @param command what to do
 * @param config where the stack lives and listens
 * @param results the options of {@code results} (defaults for the other commands)
 */
public record CommandLine(Command command, StackConfig config, ResultsOptions results) {

  /** What the launcher does. */
  public enum Command {
    /** Start the whole stack and keep it running until Ctrl-C / SIGTERM. */
    UP,
    /** Report which parts of a stack with this configuration answer. */
    STATUS,
    /**
     * Start the stack, run the controlled-unlearning demo to completion, write the reports, stop.
     */
    DEMO,
    /**
     * Start the stack, run every method of methods.md §7 uncontrolled and controlled and the
     * continual sequences, write docs/RESULTS.md with tables, plots and the verdict on each claim,
     * stop.
     */
    RESULTS,
    /**
     * Print a development token of the job API, creating the development key pair if there is none.
     */
    TOKEN,
    /** Print the usage text. */
    HELP
  }

  /** The usage text printed by {@code --help} and next to a usage error. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: ./lethe [up|demo|results|status|token|help] [options]",
          "",
          "  up      start PostgreSQL, Kafka and the four services; Ctrl-C stops them (default)",
          "  demo    start the stack, build the target and retain models of the built-in dataset (cached),",
          "          run GA+GD under a utility floor that trips, ME+GD and IDK+AP; print a comparison",
          "          and write HTML reports to <data-dir>/reports; then stop",
          "  results start the stack, run GA, GA+GD, GA+KL, NPO+GD, ME+GD, IDK+GD, IDK+AP, DPO+GD each",
          "          uncontrolled and under a utility floor, and GA+GD, ME+GD, IDK+AP continually over",
          "          forget01 tasks 1..10; add the reports to <out>/results/reports, check the claims of",
          "          methods.md §7 on every stored report and write <out>/RESULTS.md with tables and",
          "          PNG plots in <out>/results/; then stop",
          "  status  show which parts of the stack answer on the configured ports",
          "  token   print a development token of the job API (tenant local, every role), creating",
          "          the key pair in <data-dir>/auth on first use; up and demo print and use one too",
          "",
          "Options:",
          "  --data-dir DIR               persistent state (default: <repo>/.lethe)",
          "  --repo DIR                   repository with the built services (default: found from the jar)",
          "  --postgres-port N            default " + StackConfig.DEFAULT_POSTGRES_PORT,
          "  --kafka-port N               default " + StackConfig.DEFAULT_KAFKA_PORT,
          "  --kafka-controller-port N    default " + StackConfig.DEFAULT_KAFKA_CONTROLLER_PORT,
          "  --orchestrator-port N        default " + LetheService.ORCHESTRATOR.defaultPort(),
          "  --trainer-port N             default " + LetheService.TRAINER.defaultPort(),
          "  --generator-port N           default " + LetheService.GENERATOR.defaultPort(),
          "  --evaluator-port N           default " + LetheService.EVALUATOR.defaultPort(),
          "  --timeout SECONDS            readiness limit for the services (default "
              + StackConfig.DEFAULT_READY_TIMEOUT.toSeconds()
              + ")",
          "  --stop-grace SECONDS         time a service gets after SIGTERM before it is killed"
              + " (default "
              + StackConfig.DEFAULT_STOP_GRACE.toSeconds()
              + ")",
          "  --build                      (handled by ./lethe) rebuild the jars first",
          "",
          "Options of results:",
          "  --out DIR                    where RESULTS.md goes (default: <repo>/docs)",
          "  --dataset builtin|tofu       the built-in generator (default) or a TOFU-format directory",
          "  --tofu-dir DIR               TOFU directory (with --dataset tofu); a subset is written",
          "                               to <data-dir>/results/, never into the repository",
          "  --authors N                  authors of the TOFU subset (default "
              + ResultsOptions.DEFAULT_AUTHORS
              + ", 10 % of them forgotten)",
          "  --methods M1,M2,...          a subset of the methods, e.g. GA+GD,ME+GD (default: all)",
          "  --only main|continual        run one part: the single runs of claims 1-7, or the",
          "                               continual sequences of claim 8 (default: both); the",
          "                               reports of earlier runs stay and the document uses all",
          "  --tasks N                    continual tasks per method (default "
              + ResultsPlan.CONTINUAL_TASKS
              + "; fewer is a smoke run)",
          "  --parallel N                 unlearning jobs at once (default "
              + ResultsOptions.DEFAULT_PARALLEL
              + ")",
          "  --render-only                rewrite RESULTS.md from the reports stored by an earlier run");

  /**
   * Parses {@code [command] [--option value | --option=value]…}.
   *
   * @param args the arguments after the script name
   * @param detectedRepo the repository found from the jar or working directory, used unless {@code
   *     --repo} is given
   */
  public static CommandLine parse(List<String> args, Optional<Path> detectedRepo)
      throws UsageException {
    Command command = Command.UP;
    int i = 0;
    if (!args.isEmpty() && !args.get(0).startsWith("-")) {
      command = parseCommand(args.get(0));
      i = 1;
    }
    Options options = new Options();
    ResultsOptions.Builder results = new ResultsOptions.Builder();
    while (i < args.size()) {
      String arg = args.get(i++);
      if (arg.equals("-h") || arg.equals("--help")) {
        command = Command.HELP;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (ResultsOptions.Builder.isFlag(name)) {
        value = "true";
      } else {
        if (i >= args.size()) {
          throw new UsageException("option " + name + " needs a value");
        }
        value = args.get(i++);
      }
      if (!results.set(name, value)) {
        options.set(name, value);
      }
    }
    if (results.any() && command != Command.RESULTS && command != Command.HELP) {
      throw new UsageException(
          "the options of results (--out, --dataset, ...) need the results command");
    }
    Path repo =
        options.repo != null
            ? options.repo
            : detectedRepo.orElseThrow(
                () ->
                    new UsageException(
                        "cannot find the Lethe repository (a directory with mvnw) above the"
                            + " launcher jar or the working directory; pass --repo DIR"));
    StackConfig.Builder builder = StackConfig.builder(repo);
    options.applyTo(builder);
    try {
      return new CommandLine(command, builder.build(), results.build());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Command parseCommand(String word) throws UsageException {
    switch (word.toLowerCase(Locale.ROOT)) {
      case "up":
        return Command.UP;
      case "status":
        return Command.STATUS;
      case "demo":
        return Command.DEMO;
      case "results":
        return Command.RESULTS;
      case "token":
        return Command.TOKEN;
      case "help":
        return Command.HELP;
      default:
        throw new UsageException(
            "unknown command '" + word + "' (expected up, demo, results, status, token or help)");
    }
  }

  /** Option values as given; unset ones keep the builder's defaults. */
  private static final class Options {
    private Path repo;
    private Path dataDirectory;
    private Integer postgresPort;
    private Integer kafkaPort;
    private Integer kafkaControllerPort;
    private final Map<LetheService, Integer> servicePorts = new EnumMap<>(LetheService.class);
    private Duration readyTimeout;
    private Duration stopGrace;

    void set(String name, String value) throws UsageException {
      switch (name) {
        case "--repo":
          repo = path(name, value);
          return;
        case "--data-dir":
          dataDirectory = path(name, value);
          return;
        case "--postgres-port":
          postgresPort = port(name, value);
          return;
        case "--kafka-port":
          kafkaPort = port(name, value);
          return;
        case "--kafka-controller-port":
          kafkaControllerPort = port(name, value);
          return;
        case "--timeout":
          readyTimeout = seconds(name, value);
          return;
        case "--stop-grace":
          stopGrace = seconds(name, value);
          return;
        default:
          for (LetheService service : LetheService.values()) {
            if (name.equals("--" + service.shortName() + "-port")) {
              servicePorts.put(service, port(name, value));
              return;
            }
          }
          throw new UsageException("unknown option " + name);
      }
    }

    void applyTo(StackConfig.Builder b) {
      if (dataDirectory != null) {
        b.dataDirectory(dataDirectory);
      }
      if (postgresPort != null) {
        b.postgresPort(postgresPort);
      }
      if (kafkaPort != null) {
        b.kafkaPort(kafkaPort);
      }
      if (kafkaControllerPort != null) {
        b.kafkaControllerPort(kafkaControllerPort);
      }
      servicePorts.forEach(b::servicePort);
      if (readyTimeout != null) {
        b.readyTimeout(readyTimeout);
      }
      if (stopGrace != null) {
        b.stopGrace(stopGrace);
      }
    }

    private static Path path(String name, String value) throws UsageException {
      if (value.isBlank()) {
        throw new UsageException(name + " needs a directory");
      }
      return Path.of(value).toAbsolutePath().normalize();
    }

    private static int port(String name, String value) throws UsageException {
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new UsageException(name + " expects a port number, got '" + value + "'");
      }
    }

    private static Duration seconds(String name, String value) throws UsageException {
      try {
        long s = Long.parseLong(value.trim());
        if (s < 0) {
          throw new UsageException(name + " must not be negative");
        }
        return Duration.ofSeconds(s);
      } catch (NumberFormatException e) {
        throw new UsageException(name + " expects whole seconds, got '" + value + "'");
      }
    }
  }
}
