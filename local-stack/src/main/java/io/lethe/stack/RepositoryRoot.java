package io.lethe.stack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Lethe repository (the directory holding {@code mvnw}) so the launcher works from any
 * working directory: service jars and the default data directory are located relative to it.
 */
public final class RepositoryRoot {

  private static final String MARKER = "mvnw";

  private RepositoryRoot() {}

  /** The nearest directory at or above {@code start} that contains {@code mvnw}. */
  public static Optional<Path> findFrom(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /**
   * Walks up from where this code was loaded ({@code local-stack/target/local-stack.jar} or {@code
   * target/classes}), then from the working directory: the jar location wins so that {@code
   * ./lethe} works from anywhere.
   */
  public static Optional<Path> locate() {
    return codeLocation()
        .flatMap(RepositoryRoot::findFrom)
        .or(() -> findFrom(Path.of("").toAbsolutePath()));
  }

  private static Optional<Path> codeLocation() {
    try {
      var source = RepositoryRoot.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty(); // unusual class loader: fall back to the working directory
    }
  }
}
