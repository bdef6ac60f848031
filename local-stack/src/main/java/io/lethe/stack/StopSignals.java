package io.lethe.stack;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;

/**
 * Takes over SIGINT, SIGTERM and SIGHUP so that the launcher, not the JVM's shutdown-hook
 * machinery, decides the stop order. The JVM runs shutdown hooks concurrently, and zonky registers
 * its own hook that stops PostgreSQL: with plain hooks the database could vanish while the services
 * are still draining. With these handlers the launcher stops services, then Kafka, then PostgreSQL,
 * and only then exits (zonky's hook finds PostgreSQL already closed).
 */
final class StopSignals {

  private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

  private StopSignals() {}

  /**
   * Installs {@code onSignal} for each stop signal.
   *
   * @return the signals now handled; a signal the JVM reserves (e.g. under {@code -Xrs}) is left to
   *     the shutdown hook
   */
  static List<String> install(Runnable onSignal) {
    List<String> installed = new ArrayList<>();
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), signal -> onSignal.run());
        installed.add(name);
      } catch (IllegalArgumentException e) {
        // not available on this platform or reserved by the VM
      }
    }
    return installed;
  }
}
