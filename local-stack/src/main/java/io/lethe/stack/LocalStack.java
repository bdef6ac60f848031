package io.lethe.stack;

import io.lethe.infra.EmbeddedKafkaBroker;
import io.lethe.infra.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The whole Lethe stack on one machine: PostgreSQL and Kafka with persistent data under one
 * directory, then the four services as child JVMs. Stops in the reverse order of their dependencies
 * — services (the clients) first, then Kafka, then PostgreSQL — so no service sees its
 * infrastructure vanish while it is still draining.
 *
 * <p>Use {@link #start(StackConfig)} in try-with-resources to bring a stack up, run something
 * against {@link #endpoints()}, and tear it down. {@link #create} + {@link #bringUp()} split the
 * two steps for callers that must be able to {@link #stop()} from another thread while startup is
 * still running (the launcher's Ctrl-C).
 */
public final class LocalStack implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

  private final StackConfig config;
  private final Object lifecycle = new Object();
  private volatile boolean stopRequested;

  // guarded by lifecycle: what has been started and must be stopped
  private boolean started;
  private boolean stopped;
  private DataDirectoryLock lock;
  private EmbeddedPostgresServer postgres;
  private EmbeddedKafkaBroker kafka;
  private ServiceGroup services;

  private volatile StackEndpoints endpoints;
  private volatile StartupTimings timings;

  private LocalStack(StackConfig config) {
    this.config = config;
  }

  /** A stack that has not started yet. */
  public static LocalStack create(StackConfig config) {
    return new LocalStack(config);
  }

  /**
   * Creates and brings up a stack; on failure everything already started is stopped before the
   * exception.
   */
  public static LocalStack start(StackConfig config) {
    LocalStack stack = create(config);
    stack.bringUp();
    return stack;
  }

  /**
   * Starts PostgreSQL, Kafka and the services and waits until every service reports ready.
   *
   * @return where everything listens
   * @throws StackStartException naming what failed (with the tail of the service log where it
   *     applies); whatever had started is stopped again
   */
  public StackEndpoints bringUp() {
    synchronized (lifecycle) {
      if (started) {
        throw new IllegalStateException("a LocalStack is started once");
      }
      started = true;
    }
    long t0 = System.nanoTime();
    try {
      prepareDirectories();
      InfraLogging.routeTo(config.infraLog());
      register(DataDirectoryLock.acquire(config.dataDirectory()), l -> lock = l);
      LeftoverProcesses.stop(config.dataDirectory(), config.postgresDirectory(), config.stopGrace())
          .forEach(p -> LOG.log(Level.WARNING, "Stopped {0} left over from an earlier run", p));
      PortCheck.requireFree(portOwners());
      requireServiceJars();

      long tPostgres = System.nanoTime();
      LOG.log(Level.INFO, "Starting PostgreSQL on port {0,number,#}", config.postgresPort());
      register(startPostgres(), pg -> postgres = pg);
      Duration postgresTime = since(tPostgres);

      long tKafka = System.nanoTime();
      LOG.log(Level.INFO, "Starting Kafka on port {0,number,#}", config.kafkaPort());
      register(startKafka(), k -> kafka = k);
      Duration kafkaTime = since(tKafka);

      // the key pair outlives restarts, so tokens printed earlier stay valid
      String apiToken =
          DevelopmentKeys.loadOrCreate(config.authDirectory()).writeToken(Instant.now());
      StackEndpoints stackEndpoints =
          StackEndpoints.of(
              config, EmbeddedPostgresServer.USERNAME, EmbeddedPostgresServer.PASSWORD, apiToken);
      long tServices = System.nanoTime();
      String java = ServiceLaunch.currentJava();
      List<ServiceLaunch> launches = new ArrayList<>();
      for (LetheService service : LetheService.values()) {
        launches.add(ServiceLaunch.forService(service, config, stackEndpoints, java));
      }
      LOG.log(
          Level.INFO,
          "Starting {0}; logs in {1}",
          launches.stream().map(ServiceLaunch::name).collect(Collectors.joining(", ")),
          config.logDirectory());
      ServiceGroup group = ServiceGroup.start(launches, config.stopGrace());
      register(group, g -> services = g);
      LeftoverProcesses.record(config.dataDirectory(), group.processes());
      group.awaitReady(config.readyTimeout(), () -> stopRequested);
      group.onUnexpectedExit(
          p ->
              LOG.log(
                  Level.ERROR,
                  "{0} exited unexpectedly with code {1}. Last lines of {2}:\n{3}",
                  p.name(),
                  p.exitCode().orElse(-1),
                  p.launch().logFile(),
                  p.logTail(ServiceGroup.TAIL_LINES)));

      endpoints = stackEndpoints;
      timings = new StartupTimings(postgresTime, kafkaTime, since(tServices), since(t0));
      return stackEndpoints;
    } catch (RuntimeException e) {
      stop();
      throw e instanceof StackStartException
          ? e
          : new StackStartException("the stack failed to start: " + e, e);
    }
  }

  /** Where everything listens; available once {@link #bringUp()} returned. */
  public StackEndpoints endpoints() {
    requireUp();
    return endpoints;
  }

  /** How long each startup phase took; available once {@link #bringUp()} returned. */
  public StartupTimings startupTimings() {
    requireUp();
    return timings;
  }

  /** The configuration this stack runs with. */
  public StackConfig config() {
    return config;
  }

  /** The service JVMs (empty before they were launched). */
  public List<ProcessHandle> serviceProcesses() {
    synchronized (lifecycle) {
      return services == null
          ? List.of()
          : services.processes().stream().map(ServiceProcess::handle).collect(Collectors.toList());
    }
  }

  /**
   * Kills one service with SIGKILL, the way a node failure or an OOM kill ends a pod: no graceful
   * shutdown. The rest of the stack keeps running; {@link #restartService} starts it again. For
   * fault-injection tests and drills.
   */
  public void killService(LetheService service) {
    runningServices().kill(service.moduleName());
  }

  /**
   * Starts a killed (or crashed) service again with its original launch and waits until it is
   * ready.
   */
  public void restartService(LetheService service) {
    ServiceGroup group = runningServices();
    group.restart(service.moduleName(), config.readyTimeout());
    LeftoverProcesses.record(config.dataDirectory(), group.processes());
  }

  private ServiceGroup runningServices() {
    synchronized (lifecycle) {
      if (services == null || stopped) {
        throw new IllegalStateException("the services are not running");
      }
      return services;
    }
  }

  /**
   * Asks a startup in progress to give up at its next step, without stopping anything on this
   * thread; the thread running {@link #bringUp()} then stops what it started. For signal handlers,
   * which should return quickly.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /** True once {@link #requestStop()} or {@link #stop()} was called. */
  public boolean stopRequested() {
    return stopRequested;
  }

  /**
   * Stops services (SIGTERM, SIGKILL after the grace period), then Kafka, then PostgreSQL, and
   * releases the data directory. Safe to call more than once and from any thread; a startup in
   * progress is cancelled.
   *
   * @return how long this call took to stop everything; zero if the stack was already stopped
   */
  public Duration stop() {
    stopRequested = true;
    synchronized (lifecycle) {
      if (stopped) {
        return Duration.ZERO;
      }
      stopped = true;
      long t0 = System.nanoTime();
      if (services != null) {
        LOG.log(Level.INFO, "Stopping services");
        List<String> killed = services.stop(config.stopGrace());
        if (!killed.isEmpty()) {
          LOG.log(
              Level.WARNING,
              "Killed {0}: not stopped within {1} s of SIGTERM",
              killed,
              config.stopGrace().toSeconds());
        }
        LeftoverProcesses.forget(config.dataDirectory());
      }
      if (kafka != null) {
        LOG.log(Level.INFO, "Stopping Kafka");
        closeLogged("Kafka", kafka);
      }
      if (postgres != null) {
        LOG.log(Level.INFO, "Stopping PostgreSQL");
        closeLogged("PostgreSQL", postgres);
      }
      if (lock != null) {
        lock.close();
      }
      return since(t0);
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private interface Assignment<T> {
    void assign(T component);
  }

  /**
   * Hands a just-started component to the stack, unless a stop came in meanwhile: then it is closed
   * at once and the startup ends, so nothing started after the stop outlives it.
   */
  private <T> void register(T component, Assignment<T> field) {
    synchronized (lifecycle) {
      if (!stopped && !stopRequested) {
        field.assign(component);
        return;
      }
    }
    closeLate(component);
    throw new StackStartException("startup cancelled: a stop was requested");
  }

  private static void closeLate(Object component) {
    if (component instanceof ServiceGroup) {
      ((ServiceGroup) component).stop(Duration.ofSeconds(5));
    } else if (component instanceof AutoCloseable) {
      closeLogged(component.getClass().getSimpleName(), (AutoCloseable) component);
    }
  }

  private static void closeLogged(String what, AutoCloseable component) {
    try {
      component.close();
    } catch (Exception e) {
      LOG.log(Level.ERROR, "Stopping " + what + " failed", e);
    }
  }

  private void prepareDirectories() {
    try {
      Files.createDirectories(config.dataDirectory());
      Files.createDirectories(config.logDirectory());
      Files.createDirectories(config.checkpointRoot());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory " + config.dataDirectory(), e);
    }
  }

  private Map<Integer, String> portOwners() {
    Map<Integer, String> owners = new LinkedHashMap<>();
    owners.put(config.postgresPort(), "PostgreSQL");
    owners.put(config.kafkaPort(), "Kafka");
    owners.put(config.kafkaControllerPort(), "Kafka controller");
    config.servicePorts().forEach((service, port) -> owners.put(port, service.moduleName()));
    return owners;
  }

  private void requireServiceJars() {
    List<Path> missing = new ArrayList<>();
    for (LetheService service : LetheService.values()) {
      if (!Files.isRegularFile(config.serviceJar(service))) {
        missing.add(config.serviceJar(service));
      }
    }
    if (!missing.isEmpty()) {
      throw new StackStartException(
          "service jars not built: "
              + missing
              + ". Build them with ./lethe --build (or ./mvnw -B -ntp install -DskipTests).");
    }
  }

  private EmbeddedPostgresServer startPostgres() {
    try {
      return EmbeddedPostgresServer.start(config.postgresPort(), config.postgresDirectory());
    } catch (RuntimeException e) {
      throw new StackStartException(
          "PostgreSQL did not start on port "
              + config.postgresPort()
              + " with data in "
              + config.postgresDirectory()
              + ": "
              + e.getMessage()
              + " (details in "
              + config.infraLog()
              + ")",
          e);
    }
  }

  private EmbeddedKafkaBroker startKafka() {
    try {
      return EmbeddedKafkaBroker.builder()
          .port(config.kafkaPort())
          .controllerPort(config.kafkaControllerPort())
          .dataDirectory(config.kafkaDirectory())
          .start();
    } catch (RuntimeException e) {
      throw new StackStartException(
          "Kafka did not start on port "
              + config.kafkaPort()
              + " with data in "
              + config.kafkaDirectory()
              + ": "
              + e.getMessage()
              + " (details in "
              + config.infraLog()
              + ")",
          e);
    }
  }

  private void requireUp() {
    if (timings == null) {
      throw new IllegalStateException("the stack is not up");
    }
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
