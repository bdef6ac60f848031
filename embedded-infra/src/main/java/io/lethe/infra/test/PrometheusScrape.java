package io.lethe.infra.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one sample from a service's Prometheus endpoint, the way a user's Grafana would see it
 * (style.md rule 28).
 */
public final class PrometheusScrape {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private PrometheusScrape() {}

  /**
   * Value of {@code name{labels}} at {@code metricsUrl}, or 0 if the series does not exist yet.
   * Labels are matched exactly (Prometheus writes them sorted by name).
   */
  public static double value(String metricsUrl, String name, Map<String, String> labels) {
    String body;
    try {
      body =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(metricsUrl)).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot scrape " + metricsUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scraping " + metricsUrl, e);
    }
    StringBuilder selector = new StringBuilder();
    new TreeMap<>(labels)
        .forEach(
            (k, v) -> {
              if (selector.length() > 0) {
                selector.append(',');
              }
              selector.append(k).append("=\"").append(v).append('"');
            });
    Pattern line =
        Pattern.compile(
            "^" + Pattern.quote(name + "{" + selector + "}") + " ([0-9.eE+-]+)$",
            Pattern.MULTILINE);
    Matcher m = line.matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }
}
