package io.lethe.stack;

import io.lethe.stack.demo.DemoException;
import io.lethe.stack.results.ClaimResult;
import io.lethe.stack.results.GitCommit;
import io.lethe.stack.results.ResultsDocument;
import io.lethe.stack.results.ResultsOptions;
import io.lethe.stack.results.ResultsRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of {@code ./lethe}: {@code up} brings the local stack up, prints where everything
 * listens and keeps it running until Ctrl-C / SIGTERM; {@code status} reports what answers.
 */
public final class LetheLauncher {

  private final PrintStream out;
  private final PrintStream err;

  LetheLauncher(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new LetheLauncher(System.out, System.err).run(Arrays.asList(args)));
  }

  /**
   * Runs one command; returns the process exit code (0 ok, 1 failure, 2 usage error, 3 stack not
   * fully up).
   */
  int run(List<String> args) {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args, RepositoryRoot.locate());
    } catch (UsageException e) {
      err.println("lethe: " + e.getMessage());
      err.println();
      err.println(CommandLine.USAGE);
      return 2;
    }
    switch (commandLine.command()) {
      case HELP:
        out.println(CommandLine.USAGE);
        return 0;
      case STATUS:
        List<StackStatus.Component> components = StackStatus.check(commandLine.config());
        out.print(StackStatus.render(components));
        return components.stream().allMatch(StackStatus.Component::up) ? 0 : 3;
      case DEMO:
        return demo(commandLine.config());
      case RESULTS:
        return results(commandLine, args);
      case TOKEN:
        return token(commandLine.config());
      case UP:
      default:
        return up(commandLine.config());
    }
  }

  /**
   * Brings the stack up, runs the demo through the job API, and stops the stack. Exit code 0 when
   * every demo job ended (halted or completed), 1 when one failed or the demo could not run.
   */
  private int demo(StackConfig config) {
    long start = System.nanoTime();
    LocalStack stack = LocalStack.create(config);
    StopSignals.install(stack::requestStop);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "lethe-stack-stop"));
    try {
      out.println("Starting the Lethe stack (data in " + config.dataDirectory() + ")");
      StackEndpoints endpoints = stack.bringUp();
      out.println("Lethe stack is up in " + stack.startupTimings().summary());
      out.println(
          "Follow along: "
              + endpoints.swaggerUiUrl(LetheService.ORCHESTRATOR)
              + ", logs in "
              + endpoints.logDirectory());
      List<io.lethe.stack.demo.DemoOutcome> outcomes =
          new io.lethe.stack.demo.DemoRunner(
                  endpoints.serviceUrl(LetheService.ORCHESTRATOR),
                  endpoints.apiToken(),
                  config.dataDirectory(),
                  out,
                  Duration.ofSeconds(3),
                  Duration.ofMinutes(60))
              .run();
      out.printf(
          "Total (stack start, models, unlearning, reports): %s%n",
          StartupTimings.seconds(Duration.ofNanos(System.nanoTime() - start)));
      return outcomes.stream().anyMatch(o -> o.status().equals("FAILED")) ? 1 : 0;
    } catch (StackStartException | io.lethe.stack.demo.DemoException e) {
      err.println("lethe demo: " + e.getMessage());
      return 1;
    } finally {
      Duration stopTime = stack.stop();
      out.println("Stopped the stack in " + StartupTimings.seconds(stopTime));
    }
  }

  /**
   * Runs the results plan through the job API on a freshly started stack and writes RESULTS.md (or,
   * with {@code --render-only}, only re-renders it from the stored reports). Exit code 0 when the
   * document was written — a claim that does not hold is a finding, not a failure — and 1 when the
   * runs or the document could not be produced.
   */
  private int results(CommandLine commandLine, List<String> args) {
    StackConfig config = commandLine.config();
    ResultsOptions options = commandLine.results();
    Path outDirectory = options.outDirectory(config.repoRoot());
    if (options.renderOnly()) {
      return writeResults(outDirectory, GitCommit.of(config.repoRoot(), outDirectory));
    }
    long start = System.nanoTime();
    Instant startedAt = Instant.now();
    String command = "./lethe " + String.join(" ", args);
    String commit = GitCommit.of(config.repoRoot(), outDirectory);
    LocalStack stack = LocalStack.create(config);
    StopSignals.install(stack::requestStop);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "lethe-stack-stop"));
    try {
      out.println("Starting the Lethe stack (data in " + config.dataDirectory() + ")");
      StackEndpoints endpoints = stack.bringUp();
      out.println("Lethe stack is up in " + stack.startupTimings().summary());
      out.println("Logs in " + endpoints.logDirectory());
      new ResultsRunner(
              endpoints.serviceUrl(LetheService.ORCHESTRATOR),
              endpoints.apiToken(),
              config.dataDirectory(),
              out,
              Duration.ofSeconds(3),
              Duration.ofHours(4),
              options)
          .run(ResultsDocument.store(outDirectory), command, commit, start, startedAt);
    } catch (StackStartException | DemoException | IllegalStateException e) {
      // IllegalStateException: the stored reports are of other data (checked before any job)
      err.println("lethe results: " + e.getMessage());
      return 1;
    } finally {
      Duration stopTime = stack.stop();
      out.println("Stopped the stack in " + StartupTimings.seconds(stopTime));
    }
    return writeResults(outDirectory, commit);
  }

  private int writeResults(Path outDirectory, String commit) {
    try {
      List<ClaimResult> claims = ResultsDocument.write(outDirectory, commit);
      out.println();
      for (ClaimResult c : claims) {
        out.printf("  claim %d  %-14s  %s%n", c.number(), c.verdict().text(), c.title());
      }
      out.println("Wrote " + outDirectory.resolve(ResultsDocument.FILE));
      return 0;
    } catch (RuntimeException e) {
      err.println("lethe results: cannot write the document: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Prints a development token (creating the key pair if this data directory has none yet), for a
   * stack that runs elsewhere with this directory's public key: Docker Compose mounts it by
   * default.
   */
  private int token(StackConfig config) {
    DevelopmentKeys keys = DevelopmentKeys.loadOrCreate(config.authDirectory());
    out.println(keys.writeToken(java.time.Instant.now()));
    err.println(
        "(tenant "
            + DevelopmentKeys.TENANT
            + ", roles "
            + String.join(", ", DevelopmentKeys.ROLES)
            + ", issuer "
            + DevelopmentKeys.ISSUER
            + "; verified with "
            + keys.publicKeyFile()
            + "; also in "
            + keys.tokenFile()
            + ")");
    return 0;
  }

  private int up(StackConfig config) {
    LocalStack stack = LocalStack.create(config);
    CountDownLatch stopSignal = new CountDownLatch(1);
    AtomicBoolean signalled = new AtomicBoolean();
    StopSignals.install(
        () -> {
          if (signalled.compareAndSet(false, true)) {
            out.println();
            out.println(
                "Stopping the Lethe stack (services get up to "
                    + config.stopGrace().toSeconds()
                    + " s to exit)...");
            // the main thread stops the stack (finally below), also while startup still runs
            stack.requestStop();
            stopSignal.countDown();
          } else {
            out.println("Already stopping; please wait.");
          }
        });
    // Safety net for exits that bypass the handlers (an error in main, a signal the JVM reserved).
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "lethe-stack-stop"));

    int exitCode = 0;
    try {
      out.println("Starting the Lethe stack (data in " + config.dataDirectory() + ")");
      StackEndpoints endpoints = stack.bringUp();
      out.println();
      out.println("Lethe stack is up in " + stack.startupTimings().summary());
      out.println();
      out.print(EndpointTable.render(endpoints));
      out.println();
      out.print(EndpointTable.renderToken(endpoints));
      out.println();
      out.println("Press Ctrl-C to stop.");
      stopSignal.await();
    } catch (StackStartException e) {
      if (!signalled.get()) { // after Ctrl-C a cancelled startup is expected, not an error
        err.println("lethe: " + e.getMessage());
        exitCode = 1;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Duration stopTime = stack.stop();
      // zero: a failed or cancelled startup already stopped what it had started
      out.println(
          stopTime.isZero()
              ? "Stopped."
              : "Stopped services, Kafka and PostgreSQL in " + StartupTimings.seconds(stopTime));
    }
    return exitCode;
  }
}
