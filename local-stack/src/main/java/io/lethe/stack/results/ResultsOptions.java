package io.lethe.stack.results;

import io.lethe.stack.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The options of {@code ./lethe results}: where the document goes, which data, which methods, how
 * many jobs at once, and whether to only re-render stored reports.
 *
 * @param out directory of {@code RESULTS.md} (its plots and stored reports go to {@code
 *     out/results/}); null means {@code <repo>/docs}
 * @param dataset {@code builtin} (the generator, default) or {@code tofu}
 * @param tofuDir TOFU-format directory (tofu only)
 * @param authors authors of the TOFU subset (tofu only)
 * @param methods unlearning methods to run, in order
 * @param parallel unlearning jobs submitted at once
 * @param renderOnly re-render RESULTS.md from the reports stored by an earlier run, start nothing
 */
public record ResultsOptions(
    Path out,
    String dataset,
    Path tofuDir,
    int authors,
    List<String> methods,
    int parallel,
    boolean renderOnly) {

  /** TOFU subset size by default: 20 of TOFU's 200 authors, as many as the built-in generator. */
  public static final int DEFAULT_AUTHORS = 20;

  /** Jobs at once: as the demo; the trainer runs one segment at a time anyway. */
  public static final int DEFAULT_PARALLEL = 3;

  public ResultsOptions {
    Objects.requireNonNull(dataset, "dataset");
    methods = List.copyOf(methods);
  }

  /** The defaults: built-in data, every method of {@link ResultsPlan#METHODS}. */
  public static ResultsOptions defaults() {
    return new ResultsOptions(
        null, "builtin", null, DEFAULT_AUTHORS, ResultsPlan.METHODS, DEFAULT_PARALLEL, false);
  }

  /** Whether the data is a subset of a TOFU directory. */
  public boolean tofu() {
    return "tofu".equals(dataset);
  }

  /** The directory of RESULTS.md for repository {@code repo}. */
  public Path outDirectory(Path repo) {
    return out != null ? out : repo.resolve("docs");
  }

  /** Option values as they are parsed; {@link #build()} checks that they fit together. */
  public static final class Builder {
    private Path out;
    private String dataset = "builtin";
    private Path tofuDir;
    private int authors = DEFAULT_AUTHORS;
    private List<String> methods = ResultsPlan.METHODS;
    private int parallel = DEFAULT_PARALLEL;
    private boolean renderOnly;
    private boolean any;

    /**
     * Takes option {@code name} with {@code value} if it is one of the results command's; returns
     * false for any other option.
     */
    public boolean set(String name, String value) throws UsageException {
      switch (name) {
        case "--out" -> out = directory(name, value);
        case "--dataset" -> {
          dataset = value.trim().toLowerCase(Locale.ROOT);
          if (!dataset.equals("builtin") && !dataset.equals("tofu")) {
            throw new UsageException("--dataset must be builtin or tofu, got '" + value + "'");
          }
        }
        case "--tofu-dir" -> tofuDir = directory(name, value);
        case "--authors" -> authors = integer(name, value, 10, 200);
        case "--methods" -> methods = methods(value);
        case "--parallel" -> parallel = integer(name, value, 1, 8);
        case "--render-only" -> renderOnly = bool(name, value);
        default -> {
          return false;
        }
      }
      any = true;
      return true;
    }

    /** Whether {@code name} is a flag: it takes no value unless one follows an equals sign. */
    public static boolean isFlag(String name) {
      return name.equals("--render-only");
    }

    /** Whether any results option was given. */
    public boolean any() {
      return any;
    }

    public ResultsOptions build() throws UsageException {
      if ("tofu".equals(dataset) && tofuDir == null) {
        throw new UsageException("--dataset tofu needs --tofu-dir DIR");
      }
      if ("builtin".equals(dataset) && tofuDir != null) {
        throw new UsageException("--tofu-dir is only for --dataset tofu");
      }
      return new ResultsOptions(out, dataset, tofuDir, authors, methods, parallel, renderOnly);
    }

    private static List<String> methods(String value) throws UsageException {
      List<String> chosen = new ArrayList<>();
      for (String m : value.split(",")) {
        String method = m.trim().toUpperCase(Locale.ROOT);
        if (method.isEmpty()) {
          continue;
        }
        if (!ResultsPlan.METHODS.contains(method)) {
          throw new UsageException(
              "--methods: unknown method '" + m.trim() + "' (one of " + ResultsPlan.METHODS + ")");
        }
        if (!chosen.contains(method)) {
          chosen.add(method);
        }
      }
      if (chosen.isEmpty()) {
        throw new UsageException("--methods needs at least one method");
      }
      // the plan's order, so tables and plots read the same whatever order was typed
      return ResultsPlan.METHODS.stream().filter(chosen::contains).toList();
    }

    private static Path directory(String name, String value) throws UsageException {
      if (value.isBlank()) {
        throw new UsageException(name + " needs a directory");
      }
      return Path.of(value).toAbsolutePath().normalize();
    }

    private static int integer(String name, String value, int min, int max) throws UsageException {
      try {
        int n = Integer.parseInt(value.trim());
        if (n < min || n > max) {
          throw new UsageException(name + " must be in [" + min + ", " + max + "], got " + n);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new UsageException(name + " expects a whole number, got '" + value + "'");
      }
    }

    private static boolean bool(String name, String value) throws UsageException {
      if (Arrays.asList("true", "yes", "1").contains(value.trim().toLowerCase(Locale.ROOT))) {
        return true;
      }
      if (Arrays.asList("false", "no", "0").contains(value.trim().toLowerCase(Locale.ROOT))) {
        return false;
      }
      throw new UsageException(name + " expects true or false, got '" + value + "'");
    }
  }
}
