package io.lethe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Cleans up after a launcher that died without stopping its children (SIGKILL, power loss): its
 * services and its PostgreSQL keep running and hold the ports and the database. Called only while
 * holding the {@link DataDirectoryLock}, so anything still recorded for the directory cannot belong
 * to a live stack.
 *
 * <p>A process is stopped only when its pid is recorded here <em>and</em> its command line still
 * names what was recorded (the service jar, the PostgreSQL data directory): a recycled pid of an
 * unrelated process is left alone.
 */
final class LeftoverProcesses {

  static final String PID_FILE = "services.pids";

  private static final Duration POSTGRES_STOP_WAIT = Duration.ofSeconds(15);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private LeftoverProcesses() {}

  /** Records the running services ({@code pid<TAB>jar} per line) for a later launcher. */
  static void record(Path dataDirectory, List<ServiceProcess> services) {
    String lines =
        services.stream()
            .map(p -> p.pid() + "\t" + jarOf(p.launch()))
            .collect(Collectors.joining("\n", "", "\n"));
    try {
      Files.writeString(dataDirectory.resolve(PID_FILE), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record service pids", e);
    }
  }

  /** The services were stopped: nothing is left to reap. */
  static void forget(Path dataDirectory) {
    try {
      Files.deleteIfExists(dataDirectory.resolve(PID_FILE));
    } catch (IOException e) {
      // a stale file is harmless: its pids no longer match a running service jar
    }
  }

  /**
   * Stops recorded services that still run (SIGTERM, then SIGKILL after {@code grace}), then an
   * orphaned PostgreSQL of {@code postgresDirectory} — in that order, because the services are its
   * clients.
   *
   * @return one line per process stopped, for the log
   */
  static List<String> stop(Path dataDirectory, Path postgresDirectory, Duration grace) {
    List<String> stopped = new ArrayList<>();
    for (String line : readLines(dataDirectory.resolve(PID_FILE))) {
      String[] parts = line.split("\t", 2);
      if (parts.length != 2) {
        continue;
      }
      Optional<ProcessHandle> orphan = aliveWithCommandLineContaining(parts[0], parts[1]);
      orphan.ifPresent(
          p -> {
            terminate(p, grace);
            stopped.add("service " + parts[1] + " (pid " + p.pid() + ")");
          });
    }
    forget(dataDirectory);
    List<String> postmaster = readLines(postgresDirectory.resolve("postmaster.pid"));
    if (!postmaster.isEmpty()) {
      aliveWithCommandLineContaining(postmaster.get(0), postgresDirectory.toString())
          .ifPresent(
              p -> {
                // SIGTERM is PostgreSQL's "smart" shutdown: clean, and quick once its clients are
                // gone
                terminate(p, POSTGRES_STOP_WAIT);
                stopped.add("PostgreSQL (pid " + p.pid() + ")");
              });
    }
    return stopped;
  }

  private static Optional<ProcessHandle> aliveWithCommandLineContaining(
      String pidText, String expected) {
    long pid;
    try {
      pid = Long.parseLong(pidText.trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(expected)).orElse(false));
  }

  private static void terminate(ProcessHandle process, Duration grace) {
    process.destroy();
    if (!exited(process, grace)) {
      process.destroyForcibly();
      exited(process, KILL_WAIT);
    }
  }

  private static boolean exited(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.isRegularFile(file)
          ? Files.readAllLines(file, StandardCharsets.UTF_8)
          : List.of();
    } catch (IOException e) {
      return List.of(); // unreadable record: nothing can be matched safely
    }
  }

  private static String jarOf(ServiceLaunch launch) {
    List<String> command = launch.command();
    int jar = command.indexOf("-jar");
    // every service is a -jar launch; anything else is matched by its whole command line
    return jar >= 0 && jar + 1 < command.size() ? command.get(jar + 1) : String.join(" ", command);
  }
}
