package io.lethe.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which environment variables a service actually reads, so that a deployment file cannot set a
 * variable nobody reads (a typo, or a key that moved) and believe it configured something.
 *
 * <p>Quarkus (SmallRye Config) maps an environment variable to a property by its <em>env form</em>:
 * every character that is not a letter or digit becomes {@code _}, then upper case — {@code
 * KAFKA_BOOTSTRAP_SERVERS} is {@code kafka.bootstrap.servers}, {@code
 * LETHE_EVALUATOR_ORIGINAL_ANSWERS_DIRECTORY} is {@code
 * lethe.evaluator.original-answers.directory}. A service reads a property when it is a key of its
 * {@code application.properties} (any profile) or a name one of its values looks up ({@code
 * ${LETHE_CHECKPOINT_ROOT:…}}), a {@code @ConfigProperty} name, or a member of a
 * {@code @ConfigMapping} interface ({@link ConfigMappingKeys}), in the service or a repository
 * module it depends on.
 */
final class ServiceConfigKeys {

  /** Read straight from the environment by a library or the image, not through Quarkus config. */
  static final Map<String, String> READ_OUTSIDE_QUARKUS =
      Map.of(
          "DJL_OFFLINE", "DJL: never download an engine or a model",
          "DJL_CACHE_DIR",
              "DJL: cache root; the PyTorch engine unpacks libtorch and its JNI below it",
          "JAVA_MAX_MEM_RATIO",
              "run-java.sh of the ubi9/openjdk-17 base image: -Xmx as a percentage of the container"
                  + " memory limit");

  /** A property expression's name: {@code ${LETHE_CHECKPOINT_ROOT:lethe-state/checkpoints}}. */
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:${}]+)");

  private static final Pattern CONFIG_PROPERTY =
      Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");

  private final String module;
  private final Set<String> envNames;
  private final Set<String> envPrefixes;

  private ServiceConfigKeys(String module, Set<String> envNames, Set<String> envPrefixes) {
    this.module = module;
    this.envNames = envNames;
    this.envPrefixes = envPrefixes;
  }

  /** The keys {@code module} (e.g. {@code trainer-service}) reads, from its sources. */
  static ServiceConfigKeys of(String module) {
    Set<String> names = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    Path properties =
        Repository.module(module).resolve("src/main/resources/application.properties");
    propertyKeysAndExpressions(properties).forEach(k -> names.add(envName(k)));
    for (String dependency : moduleAndDependencies(module)) {
      Path sources = Repository.module(dependency).resolve("src/main/java");
      for (String source : javaSources(sources)) {
        Matcher property = CONFIG_PROPERTY.matcher(source);
        while (property.find()) {
          names.add(envName(property.group(1)));
        }
        if (source.contains("@ConfigMapping")) {
          ConfigMappingKeys.Keys keys = ConfigMappingKeys.read(source);
          keys.names().forEach(k -> names.add(envName(k)));
          keys.prefixes().forEach(k -> prefixes.add(envName(k) + "_"));
        }
      }
    }
    return new ServiceConfigKeys(module, names, prefixes);
  }

  /** SmallRye Config's env form of a property name. */
  static String envName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /**
   * Why this service reads {@code variable}, or empty when it does not: a configuration key or a
   * library's own variable.
   */
  Optional<String> whyRead(String variable) {
    if (envNames.contains(variable)) {
      return Optional.of("configuration key");
    }
    for (String prefix : envPrefixes) {
      if (variable.startsWith(prefix)) {
        return Optional.of("@ConfigMapping " + prefix);
      }
    }
    return Optional.ofNullable(READ_OUTSIDE_QUARKUS.get(variable));
  }

  /** True when the service reads {@code variable} through its own configuration. */
  boolean readsAsConfiguration(String variable) {
    return envNames.contains(variable) || envPrefixes.stream().anyMatch(variable::startsWith);
  }

  String module() {
    return module;
  }

  /**
   * The keys of a properties file, and the names its values look up: {@code
   * x=${LETHE_CHECKPOINT_ROOT:default}} reads {@code LETHE_CHECKPOINT_ROOT} (SmallRye Config
   * resolves an expression's name in every source, the environment included).
   */
  private static Set<String> propertyKeysAndExpressions(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Set<String> keys = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      // %test.quarkus.http.test-port: the profile prefix is not part of the property
      keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
      Matcher expression = EXPRESSION.matcher(properties.getProperty(key));
      while (expression.find()) {
        keys.add(expression.group(1).trim());
      }
    }
    return keys;
  }

  /** The module and every repository module it depends on, directly or transitively. */
  private static Set<String> moduleAndDependencies(String module) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(module);
    while (!todo.isEmpty()) {
      String next = todo.poll();
      if (!seen.add(next)) {
        continue;
      }
      Path pom = Repository.module(next).resolve("pom.xml");
      try {
        String text = Files.readString(pom);
        String dependencies =
            text.contains("<dependencies>") ? text.substring(text.indexOf("<dependencies>")) : "";
        Matcher m = ARTIFACT_ID.matcher(dependencies);
        while (m.find()) {
          String artifact = m.group(1).trim();
          if (Files.isRegularFile(Repository.module(artifact).resolve("pom.xml"))) {
            todo.add(artifact);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + pom, e);
      }
    }
    return seen;
  }

  private static List<String> javaSources(Path sources) {
    if (!Files.isDirectory(sources)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        out.add(Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan " + sources, e);
    }
    return out;
  }
}
