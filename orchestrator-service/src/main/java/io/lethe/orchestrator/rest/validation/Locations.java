package io.lethe.orchestrator.rest.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for file-system locations a job names (checkpoint URIs, TOFU dataset directories). The
 * trainer and the generator open whatever directory a job names, so the API accepts only what
 * cannot climb out of where it points: a normalised absolute path without control characters,
 * inside the configured roots when there are any. The rules are checked on the decoded path, so
 * {@code file:///ckpt/%2e%2e/etc} is refused like {@code /ckpt/../etc}.
 */
public final class Locations {

  private static final Pattern SCHEME =
      Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*", Pattern.DOTALL);

  private Locations() {}

  /**
   * Why {@code uri} cannot name a checkpoint, or empty if it can.
   *
   * @param uri a {@code file:} URI ({@code file:///…}, what the trainer publishes) or an absolute
   *     path
   * @param root the checkpoint store's root, if known; the checkpoint must lie strictly inside it
   */
  public static Optional<String> checkpointProblem(String uri, Optional<Path> root) {
    if (uri.isBlank()) {
      return Optional.of("must not be blank");
    }
    if (hasControlCharacter(uri)) {
      return Optional.of("must not contain control characters");
    }
    if (!SCHEME.matcher(uri).matches()) {
      return insideRoot(uri, root);
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URI");
    }
    if (!"file".equals(parsed.getScheme().toLowerCase(Locale.ROOT))) {
      return Optional.of("must be a file: URI or an absolute path (the store is a file system)");
    }
    if (parsed.isOpaque()
        || (parsed.getRawAuthority() != null && !parsed.getRawAuthority().isEmpty())
        || parsed.getRawQuery() != null
        || parsed.getRawFragment() != null) {
      return Optional.of("must be a local file: URI (file:///…) without host, query or fragment");
    }
    return insideRoot(parsed.getPath(), root);
  }

  private static Optional<String> insideRoot(String path, Optional<Path> root) {
    return pathProblem(path)
        .or(
            () ->
                root.filter(r -> !strictlyInside(Path.of(path), r))
                    .map(r -> "must lie inside the checkpoint root " + normalised(r)));
  }

  /**
   * Why {@code path} cannot name a TOFU dataset directory, or empty if it can.
   *
   * @param allowedRoots directories the path must lie in (or be); empty = any normalised absolute
   *     path
   */
  public static Optional<String> datasetProblem(String path, List<Path> allowedRoots) {
    if (path.isBlank()) {
      return Optional.of("must not be blank");
    }
    return pathProblem(path)
        .or(
            () ->
                allowedRoots.isEmpty()
                        || allowedRoots.stream()
                            .anyMatch(r -> Path.of(path).startsWith(normalised(r)))
                    ? Optional.empty()
                    : Optional.of(
                        "must lie inside one of the allowed dataset roots "
                            + allowedRoots.stream().map(Locations::normalised).toList()));
  }

  /** A decoded path must be absolute and normalised: no '.' or '..' segment can move it. */
  private static Optional<String> pathProblem(String path) {
    if (hasControlCharacter(path)) {
      return Optional.of("must not contain control characters");
    }
    String slashes = path.replace('\\', '/');
    if (!slashes.startsWith("/")) {
      return Optional.of("must be absolute (relative paths resolve differently in each service)");
    }
    for (String segment : slashes.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return Optional.of("must not contain '.' or '..' segments");
      }
    }
    return Optional.empty();
  }

  private static boolean strictlyInside(Path path, Path root) {
    Path r = normalised(root);
    return path.startsWith(r) && !path.equals(r);
  }

  private static Path normalised(Path root) {
    return root.toAbsolutePath().normalize();
  }

  private static boolean hasControlCharacter(String s) {
    return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }
}
