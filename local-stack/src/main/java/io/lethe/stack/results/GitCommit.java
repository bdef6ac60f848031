package io.lethe.stack.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The repository's commit for the record: {@code git rev-parse HEAD}, {@code -dirty} if changed.
 */
public final class GitCommit {

  private GitCommit() {}

  /**
   * The commit of {@code repo}, with {@code -dirty} when tracked files other than the generated
   * document differ from it; {@code unknown} without git.
   */
  public static String of(Path repo, Path outDirectory) {
    String head = git(repo, "rev-parse", "HEAD");
    if (head == null || head.isBlank()) {
      return "unknown";
    }
    List<String> status =
        new ArrayList<>(List.of("status", "--porcelain", "--untracked-files=no", "--", "."));
    Path rel = repo.relativize(outDirectory.toAbsolutePath().normalize());
    if (!rel.startsWith("..")) {
      status.add(":(exclude)" + rel.resolve(ResultsDocument.FILE));
      status.add(":(exclude)" + rel.resolve(ResultsDocument.PLOT_DIR));
    }
    String changes = git(repo, status.toArray(String[]::new));
    return head.strip() + (changes != null && !changes.isBlank() ? "-dirty" : "");
  }

  private static String git(Path repo, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return output;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
