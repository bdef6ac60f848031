package io.lethe.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks one service's {@code /q/health/ready} whether it is ready. Short timeouts: a probe is
 * repeated many times while four JVMs start on two cores, and one slow answer must not stall the
 * others.
 */
public final class ReadinessProbe {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  private final HttpClient client;

  public ReadinessProbe() {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * The current health report at {@code url}; {@link HealthReport#unreachable} when nothing
   * answers.
   */
  public HealthReport probe(URI url) {
    try {
      HttpResponse<String> response =
          client.send(request(url), HttpResponse.BodyHandlers.ofString());
      return HealthReport.parse(response.statusCode(), response.body());
    } catch (IOException e) {
      return HealthReport.unreachable(describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthReport.unreachable("interrupted");
    }
  }

  /** Like {@link #probe} without blocking, so all services are asked at once. */
  public CompletableFuture<HealthReport> probeAsync(URI url) {
    return client
        .sendAsync(request(url), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> HealthReport.parse(response.statusCode(), response.body()))
        .exceptionally(e -> HealthReport.unreachable(describe(unwrap(e))));
  }

  private static HttpRequest request(URI url) {
    return HttpRequest.newBuilder(url)
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  private static Throwable unwrap(Throwable e) {
    return e.getCause() != null && e instanceof CompletionException ? e.getCause() : e;
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
