package io.lethe.stack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The services of one stack, started together and waited for together: on two cores the JVMs'
 * startups overlap anyway, so launching them one after another would only add their latencies.
 */
public final class ServiceGroup {

  /** How many log lines an error message quotes per service. */
  static final int TAIL_LINES = 25;

  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private final List<ServiceProcess> processes;
  private final ReadinessProbe probe = new ReadinessProbe();
  private volatile boolean stopping;

  private ServiceGroup(List<ServiceProcess> processes) {
    this.processes = List.copyOf(processes);
  }

  /** Starts every launch; if one cannot be spawned, those already started are stopped again. */
  public static ServiceGroup start(List<ServiceLaunch> launches, Duration stopGrace) {
    List<ServiceProcess> started = new ArrayList<>();
    for (ServiceLaunch launch : launches) {
      try {
        started.add(ServiceProcess.start(launch));
      } catch (IOException e) {
        new ServiceGroup(started).stop(stopGrace);
        throw new StackStartException(
            "cannot start "
                + launch.name()
                + " ("
                + String.join(" ", launch.command())
                + "): "
                + e.getMessage(),
            e);
      }
    }
    return new ServiceGroup(started);
  }

  /** The running processes, in launch order. */
  public List<ServiceProcess> processes() {
    return processes;
  }

  /**
   * Polls every service's readiness endpoint until all answer UP.
   *
   * @param timeout limit for the whole group
   * @param cancelled checked between polls: a stop request during startup ends the wait
   * @throws StackStartException when a service exits, the time is up, or the wait is cancelled; the
   *     message names the service(s), their last health answer and the tail of their logs
   */
  public void awaitReady(Duration timeout, BooleanSupplier cancelled) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<ServiceProcess, HealthReport> pending = new LinkedHashMap<>();
    processes.forEach(p -> pending.put(p, HealthReport.unreachable("not asked yet")));
    while (!pending.isEmpty()) {
      for (ServiceProcess p : pending.keySet()) {
        if (!p.isAlive()) {
          throw new StackStartException(diedBeforeReady(p));
        }
      }
      Map<ServiceProcess, CompletableFuture<HealthReport>> answers = new LinkedHashMap<>();
      pending.keySet().forEach(p -> answers.put(p, probe.probeAsync(p.launch().readinessUrl())));
      answers.forEach(
          (p, answer) -> {
            HealthReport report = answer.join();
            if (report.isUp()) {
              pending.remove(p);
            } else {
              pending.put(p, report);
            }
          });
      if (pending.isEmpty()) {
        return;
      }
      if (cancelled.getAsBoolean()) {
        throw new StackStartException("startup cancelled: a stop was requested");
      }
      if (System.nanoTime() > deadline) {
        throw new StackStartException(notReadyInTime(pending, timeout));
      }
      sleep(POLL_INTERVAL);
    }
  }

  /**
   * Calls {@code listener} when a service exits on its own after startup (a crash, an OOM), so the
   * user hears of it; exits caused by {@link #stop} are not reported.
   */
  public void onUnexpectedExit(Consumer<ServiceProcess> listener) {
    for (ServiceProcess p : processes) {
      p.handle()
          .onExit()
          .thenRun(
              () -> {
                if (!stopping) {
                  listener.accept(p);
                }
              });
    }
  }

  /**
   * Stops all services together: SIGTERM to each, one shared grace period, then SIGKILL to those
   * still running.
   *
   * @return the services that had to be killed (empty when all exited gracefully)
   */
  public List<String> stop(Duration grace) {
    stopping = true;
    processes.forEach(ServiceProcess::requestStop);
    long deadline = System.nanoTime() + grace.toNanos();
    List<String> killed = new ArrayList<>();
    for (ServiceProcess p : processes) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!p.awaitExit(left)) {
        p.kill();
        killed.add(p.name());
      }
    }
    return killed;
  }

  private static String diedBeforeReady(ServiceProcess p) {
    return p.name()
        + " exited with code "
        + p.exitCode().orElse(-1)
        + " before it was ready. Last lines of "
        + p.launch().logFile()
        + ":\n"
        + indent(p.logTail(TAIL_LINES));
  }

  private static String notReadyInTime(
      Map<ServiceProcess, HealthReport> pending, Duration timeout) {
    String names =
        pending.keySet().stream().map(ServiceProcess::name).collect(Collectors.joining(", "));
    StringBuilder message =
        new StringBuilder(names + " not ready after " + timeout.toSeconds() + " s.");
    pending.forEach(
        (p, report) ->
            message
                .append("\n")
                .append(p.name())
                .append(": ")
                .append(p.launch().readinessUrl())
                .append(" -> ")
                .append(report.summary())
                .append("\nLast lines of ")
                .append(p.launch().logFile())
                .append(":\n")
                .append(indent(p.logTail(TAIL_LINES))));
    return message.toString();
  }

  private static String indent(String text) {
    return text.lines().map(line -> "  | " + line).collect(Collectors.joining("\n"));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException("interrupted while waiting for the services", e);
    }
  }
}
