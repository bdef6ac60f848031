package io.lethe.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code status} command: which parts of a stack with a given configuration answer right now.
 * It asks the ports and health endpoints, not a launcher, so it also sees a stack started from
 * another terminal.
 */
public final class StackStatus {

  /**
   * The state of one component.
   *
   * @param component what it is
   * @param address where it was asked
   * @param up whether it answered as expected
   * @param detail health summary or "listening"/"not listening"
   */
  public record Component(String component, String address, boolean up, String detail) {}

  private StackStatus() {}

  /**
   * Asks PostgreSQL and Kafka whether they accept connections and every service whether it is
   * ready.
   */
  public static List<Component> check(StackConfig config) {
    StackEndpoints e = StackEndpoints.of(config, "", "", "");
    List<Component> result = new ArrayList<>();
    result.add(
        listening("PostgreSQL", "localhost:" + config.postgresPort(), config.postgresPort()));
    result.add(listening("Kafka", e.kafkaBootstrapServers(), config.kafkaPort()));
    ReadinessProbe probe = new ReadinessProbe();
    for (LetheService service : LetheService.values()) {
      HealthReport report = probe.probe(e.readinessUrl(service));
      result.add(
          new Component(
              service.moduleName(),
              e.serviceUrl(service).toString(),
              report.isUp(),
              report.summary()));
    }
    return result;
  }

  private static Component listening(String name, String address, int port) {
    boolean up = PortCheck.isListening(port);
    return new Component(name, address, up, up ? "listening" : "not listening");
  }

  /** One aligned line per component. */
  public static String render(List<Component> components) {
    int width = components.stream().mapToInt(c -> c.component().length()).max().orElse(0) + 2;
    int addressWidth = components.stream().mapToInt(c -> c.address().length()).max().orElse(0) + 2;
    StringBuilder out = new StringBuilder();
    for (Component c : components) {
      out.append("  ")
          .append(pad(c.component(), width))
          .append(pad(c.address(), addressWidth))
          .append(c.up() ? "UP    " : "DOWN  ")
          .append(c.detail())
          .append('\n');
    }
    return out.toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(1, width - text.length()));
  }
}
