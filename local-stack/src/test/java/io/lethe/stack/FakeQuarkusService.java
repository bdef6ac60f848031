package io.lethe.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in child process for the process-handling tests (the real services are Quarkus apps built
 * elsewhere). It reads the same environment as a service, serves {@code /q/health/ready} in
 * SmallRye's format with checks that really probe Kafka and PostgreSQL over TCP, and on SIGTERM
 * logs whether its infrastructure was still reachable — which is how the tests see the stop order.
 * JDK classes only, so it runs from a one-class jar.
 *
 * <p>Mode (first argument, else {@code FAKE_MODE}): {@code ready}, {@code die} (exit 3 at once),
 * {@code never-ready} (answers 503), {@code ignore-term} (its shutdown hook never finishes, so only
 * SIGKILL ends it).
 */
public final class FakeQuarkusService {

  private FakeQuarkusService() {}

  public static void main(String[] args) throws IOException {
    String mode = args.length > 0 ? args[0] : System.getenv().getOrDefault("FAKE_MODE", "ready");
    int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
    System.out.println(
        "fake service mode="
            + mode
            + " port="
            + port
            + " profile="
            + System.getProperty("quarkus.profile")
            + " checkpoints="
            + System.getenv("LETHE_CHECKPOINT_ROOT")
            + " djlOffline="
            + System.getenv("DJL_OFFLINE"));
    if (mode.equals("die")) {
      System.out.println("fatal: cannot load the model");
      System.exit(3);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/q/health/ready", exchange -> ready(exchange, mode));
    server.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println(
                      "shutdown: kafka reachable="
                          + kafkaReachable()
                          + " database reachable="
                          + databaseReachable());
                  System.out.flush();
                  if (mode.equals("ignore-term")) {
                    sleepForever();
                  }
                  server.stop(0);
                }));
  }

  private static void ready(HttpExchange exchange, String mode) throws IOException {
    List<String> checks = new ArrayList<>();
    boolean up = !mode.equals("never-ready");
    if (System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null) {
      boolean kafka = kafkaReachable();
      up &= kafka;
      checks.add(check("Kafka connection health check", kafka));
    }
    if (System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL") != null) {
      boolean db = databaseReachable();
      up &= db;
      checks.add(check("Reactive PostgreSQL connections health check", db));
    }
    checks.add(check("startup", !mode.equals("never-ready")));
    String body =
        "{\"status\": \""
            + (up ? "UP" : "DOWN")
            + "\", \"checks\": ["
            + String.join(", ", checks)
            + "]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(up ? 200 : 503, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String check(String name, boolean up) {
    return "{\"name\": \"" + name + "\", \"status\": \"" + (up ? "UP" : "DOWN") + "\"}";
  }

  private static boolean kafkaReachable() {
    String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (bootstrap == null) {
      return false;
    }
    int colon = bootstrap.lastIndexOf(':');
    return reachable(
        bootstrap.substring(0, colon), Integer.parseInt(bootstrap.substring(colon + 1)));
  }

  private static boolean databaseReachable() {
    String url = System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL");
    if (url == null) {
      return false;
    }
    URI uri = URI.create(url);
    return reachable(uri.getHost(), uri.getPort());
  }

  private static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleepForever() {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // only SIGKILL ends this process
      }
    }
  }
}
