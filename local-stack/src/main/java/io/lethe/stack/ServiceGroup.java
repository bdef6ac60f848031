package io.lethe.stack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

  /** Replaced in place when a service is restarted ({@link #restart}), hence copy-on-write. */
  private final List<ServiceProcess> processes;

  /** Processes ended on purpose ({@link #kill}): their exit is not an unexpected one. */
  private final Set<ServiceProcess> killedOnPurpose = ConcurrentHashMap.newKeySet();

  private final ReadinessProbe probe = new ReadinessProbe();
  private volatile boolean stopping;
  private volatile Consumer<ServiceProcess> unexpectedExitListener = p -> {};

  private ServiceGroup(List<ServiceProcess> processes) {
    this.processes = new CopyOnWriteArrayList<>(processes);
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
    return List.copyOf(processes);
  }

  /** The current process of the service named {@code name} (its module name). */
  public ServiceProcess process(String name) {
    return processes.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no service named " + name));
  }

  /**
   * SIGKILL to one service, as a crashed pod or an OOM kill would end it: no graceful shutdown, no
   * offset commit, nothing flushed. For fault tests; the exit is not reported as unexpected.
   */
  public void kill(String name) {
    ServiceProcess p = process(name);
    killedOnPurpose.add(p);
    p.kill();
  }

  /**
   * Starts a service again with the launch it had (same ports, environment and data), after it was
   * killed or crashed, and waits until it is ready.
   *
   * @return the new process
   * @throws StackStartException when it cannot be started or is not ready within {@code timeout}
   */
  public ServiceProcess restart(String name, Duration timeout) {
    ServiceProcess old = process(name);
    if (old.isAlive()) {
      throw new IllegalStateException(name + " is still running (pid " + old.pid() + ")");
    }
    ServiceProcess fresh;
    try {
      fresh = ServiceProcess.start(old.launch());
    } catch (IOException e) {
      throw new StackStartException("cannot restart " + name + ": " + e.getMessage(), e);
    }
    processes.set(processes.indexOf(old), fresh);
    watch(fresh);
    new ServiceGroup(List.of(fresh)).awaitReady(timeout, () -> stopping);
    return fresh;
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
    unexpectedExitListener = listener;
    processes.forEach(this::watch);
  }

  private void watch(ServiceProcess p) {
    p.handle()
        .onExit()
        .thenRun(
            () -> {
              if (!stopping && !killedOnPurpose.contains(p)) {
                unexpectedExitListener.accept(p);
              }
            });
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
