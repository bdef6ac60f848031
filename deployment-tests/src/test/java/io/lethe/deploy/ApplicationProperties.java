package io.lethe.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A service's {@code application.properties} as the prod profile sees it, for the values the
 * deployment must agree with (consumer groups, topics, the shutdown timeout).
 */
final class ApplicationProperties {

  private final String module;
  private final Properties properties;

  private ApplicationProperties(String module, Properties properties) {
    this.module = module;
    this.properties = properties;
  }

  static ApplicationProperties of(String module) {
    Path file = Repository.module(module).resolve("src/main/resources/application.properties");
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new ApplicationProperties(module, properties);
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(properties.getProperty(key)).map(String::trim);
  }

  String require(String key) {
    return get(key).orElseThrow(() -> new AssertionError(module + " does not set " + key));
  }

  /** The consumer group of the incoming channel that reads {@code topic}. */
  String consumerGroupOf(String topic) {
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("mp.messaging.incoming.")
          && key.endsWith(".topic")
          && topic.equals(properties.getProperty(key).trim())) {
        String channel = key.substring(0, key.length() - ".topic".length());
        return require(channel + ".group.id");
      }
    }
    throw new AssertionError(module + " has no incoming channel on topic " + topic);
  }

  /** The topics of every channel in {@code direction} ({@code incoming} or {@code outgoing}). */
  Set<String> topics(String direction) {
    Set<String> topics = new TreeSet<>();
    String prefix = "mp.messaging." + direction + ".";
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(prefix)
          && key.endsWith(".topic")
          && !key.endsWith(".dead-letter-queue.topic")) {
        topics.add(properties.getProperty(key).trim());
      }
    }
    return topics;
  }

  /**
   * Incoming topic → the dead-letter topic its channel names ({@code dead-letter-queue.topic}), for
   * every channel with {@code failure-strategy=dead-letter-queue}. Without a name SmallRye would
   * dead-letter to {@code dead-letter-topic-<channel>}, a topic no deployment declares, so a
   * missing name is an error.
   */
  Map<String, String> deadLetterTopics() {
    Map<String, String> out = new TreeMap<>();
    String prefix = "mp.messaging.incoming.";
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(prefix)
          && key.endsWith(".failure-strategy")
          && "dead-letter-queue".equals(properties.getProperty(key).trim())) {
        String channel = key.substring(0, key.length() - ".failure-strategy".length());
        out.put(require(channel + ".topic"), require(channel + ".dead-letter-queue.topic"));
      }
    }
    return out;
  }

  /**
   * {@code quarkus.shutdown.timeout} (Quarkus durations: {@code 30s}, {@code 1M}, {@code PT30S}).
   */
  Duration shutdownTimeout() {
    return get("quarkus.shutdown.timeout")
        .map(ApplicationProperties::duration)
        .orElse(Duration.ZERO);
  }

  static Duration duration(String value) {
    String v = value.trim();
    if (v.toUpperCase(Locale.ROOT).startsWith("P")) {
      return Duration.parse(v);
    }
    if (v.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    return Duration.parse("PT" + v.toUpperCase(Locale.ROOT));
  }
}
