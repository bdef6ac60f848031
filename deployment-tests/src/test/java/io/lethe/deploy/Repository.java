package io.lethe.deploy;

import io.lethe.stack.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lethe checkout the tests run in: where the deployment artifacts and the service modules they
 * must agree with live.
 */
final class Repository {

  private static final Pattern PROJECT_VERSION =
      Pattern.compile("<artifactId>lethe-parent</artifactId>\\s*<version>([^<]+)</version>");

  private Repository() {}

  /** The repository root (the directory holding {@code mvnw}), found from the working directory. */
  static Path root() {
    return RepositoryRoot.findFrom(Path.of(""))
        .orElseThrow(() -> new IllegalStateException("not inside the Lethe repository"));
  }

  static Path resolve(String relative) {
    return root().resolve(relative);
  }

  /** A module directory, e.g. {@code trainer-service}. */
  static Path module(String name) {
    return root().resolve(name);
  }

  /** True when {@code name} is a Maven module of the repository that builds a container image. */
  static boolean isServiceModule(String name) {
    Path module = module(name);
    return Files.isRegularFile(module.resolve("pom.xml"))
        && Files.isRegularFile(module.resolve("src/main/docker/Dockerfile.jvm"));
  }

  /** The version every module inherits from the root pom, which image tags carry. */
  static String projectVersion() {
    try {
      String pom = Files.readString(root().resolve("pom.xml"));
      Matcher m = PROJECT_VERSION.matcher(pom);
      if (!m.find()) {
        throw new IllegalStateException("no lethe-parent version in the root pom");
      }
      return m.group(1).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
