package io.lethe.stack.results;

import io.lethe.stack.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

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
 * @param parts which parts of the plan to run: the single runs of claims 1–7 ({@link Part#MAIN})
 *     and/or claim 8's continual sequences ({@link Part#CONTINUAL}); either way the reports are
 *     added to those already stored and the document is rendered from all of them
 * @param tasks continual tasks per method (claim 8 compares after {@link
 *     ResultsPlan#CONTINUAL_TASKS}; fewer is a smoke run whose claim stays not measurable)
 */
public record ResultsOptions(
    Path out,
    String dataset,
    Path tofuDir,
    int authors,
    List<String> methods,
    int parallel,
    boolean renderOnly,
    Set<Part> parts,
    int tasks) {

  /** A part of the plan that can run on its own. */
  public enum Part {
    /** Every method uncontrolled and controlled, and the retain model vs itself (claims 1–7). */
    MAIN,
    /** The continual sequences of claim 8. */
    CONTINUAL;

    /** {@code main}, {@code continual}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** TOFU subset size by default: 20 of TOFU's 200 authors, as many as the built-in generator. */
  public static final int DEFAULT_AUTHORS = 20;

  /** Jobs at once: as the demo; the trainer runs one segment at a time anyway. */
  public static final int DEFAULT_PARALLEL = 3;

  public ResultsOptions {
    Objects.requireNonNull(dataset, "dataset");
    methods = List.copyOf(methods);
    parts = Set.copyOf(parts);
  }

  /** The defaults: built-in data, every method of {@link ResultsPlan#METHODS}, every part. */
  public static ResultsOptions defaults() {
    return new ResultsOptions(
        null,
        "builtin",
        null,
        DEFAULT_AUTHORS,
        ResultsPlan.METHODS,
        DEFAULT_PARALLEL,
        false,
        EnumSet.allOf(Part.class),
        ResultsPlan.CONTINUAL_TASKS);
  }

  /** Whether {@code part} runs. */
  public boolean runs(Part part) {
    return parts.contains(part);
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
    private Set<Part> parts = EnumSet.allOf(Part.class);
    private int tasks = ResultsPlan.CONTINUAL_TASKS;
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
        case "--only" -> parts = EnumSet.of(part(value));
        case "--tasks" -> tasks = integer(name, value, 1, ResultsPlan.CONTINUAL_TASKS);
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
      return new ResultsOptions(
          out, dataset, tofuDir, authors, methods, parallel, renderOnly, parts, tasks);
    }

    private static Part part(String value) throws UsageException {
      for (Part p : Part.values()) {
        if (p.word().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return p;
        }
      }
      throw new UsageException("--only must be main or continual, got '" + value + "'");
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
