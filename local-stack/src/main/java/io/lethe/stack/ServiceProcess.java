package io.lethe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One child JVM of the stack. Stopping follows what Kubernetes does to a pod: SIGTERM (Quarkus then
 * runs its graceful shutdown: finishes in-flight requests, commits consumer offsets), and SIGKILL
 * only after a grace period.
 */
public final class ServiceProcess {

  /**
   * After SIGKILL the kernel reaps a process promptly; this only guards against a wedged zombie.
   */
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final ServiceLaunch launch;
  private final Process process;

  private ServiceProcess(ServiceLaunch launch, Process process) {
    this.launch = launch;
    this.process = process;
  }

  /**
   * Starts the child with its output going to a fresh log file (the previous run's kept as {@code
   * .1}).
   */
  public static ServiceProcess start(ServiceLaunch launch) throws IOException {
    LogFiles.rotate(launch.logFile());
    Files.createDirectories(launch.workingDirectory());
    ProcessBuilder builder =
        new ProcessBuilder(launch.command())
            .directory(launch.workingDirectory().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(launch.logFile().toFile()));
    builder.environment().putAll(launch.environment());
    Process process = builder.start();
    // nothing is ever typed into a service: give it end-of-input rather than a pipe nobody writes
    // to
    process.getOutputStream().close();
    return new ServiceProcess(launch, process);
  }

  /** The name used in messages (module name for a service). */
  public String name() {
    return launch.name();
  }

  /** How it was started. */
  public ServiceLaunch launch() {
    return launch;
  }

  /** The OS process, e.g. to check after a stop that it is really gone. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code once the process has exited. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Sends SIGTERM and returns at once; several services are asked to stop together. */
  public void requestStop() {
    process.destroy();
  }

  /** Waits up to {@code timeout} for the process to exit; true when it has. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /**
   * SIGKILL to the process and anything it spawned. Descendants are collected first: once the
   * parent is gone they are re-parented and can no longer be found from it.
   */
  public void kill() {
    List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    awaitExit(KILL_WAIT);
  }

  /**
   * Stops this one process: SIGTERM, up to {@code grace} to exit, then SIGKILL.
   *
   * @return true when it exited within the grace period, false when it had to be killed
   */
  public boolean stop(Duration grace) {
    requestStop();
    if (awaitExit(grace)) {
      return true;
    }
    kill();
    return false;
  }

  /** The last {@code lines} lines of its log. */
  public String logTail(int lines) {
    return LogTail.of(launch.logFile(), lines);
  }

  @Override
  public String toString() {
    return name() + " (pid " + pid() + ")";
  }
}
