package io.lethe.generator.service;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Turns the checkpoint URI of an event into a directory of the checkpoint store. Accepted: {@code
 * file:} URIs and plain paths (relative ones resolve against the root). The result must lie inside
 * the root, so an event cannot make the generator read any other file of the host.
 */
public final class CheckpointPaths {

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private CheckpointPaths() {}

  /**
   * The directory {@code uri} names.
   *
   * @throws IllegalArgumentException if the URI is blank, has another scheme than {@code file}, or
   *     points outside {@code root}
   */
  public static Path resolve(Path root, String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("checkpoint URI is missing");
    }
    Path path;
    if (uri.startsWith("file:")) {
      try {
        path = Path.of(URI.create(uri));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("malformed checkpoint URI " + uri, e);
      }
    } else if (SCHEME.matcher(uri).matches()) {
      throw new IllegalArgumentException(
          "unsupported checkpoint URI " + uri + " (file: URIs or paths in the checkpoint store)");
    } else {
      path = root.resolve(uri);
    }
    Path normalized = path.toAbsolutePath().normalize();
    Path normalizedRoot = root.toAbsolutePath().normalize();
    if (!normalized.startsWith(normalizedRoot) || normalized.equals(normalizedRoot)) {
      throw new IllegalArgumentException(
          "checkpoint " + uri + " is not inside the checkpoint root " + normalizedRoot);
    }
    return normalized;
  }
}
