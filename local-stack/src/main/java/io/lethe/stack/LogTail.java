package io.lethe.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The last lines of a log file, for error messages: when a service dies or hangs, the reason is
 * almost always in its last lines, and the user should not have to open the file to see it.
 */
public final class LogTail {

  /** A service that dies prints a stack trace; 64 KiB hold the last lines of any reasonable one. */
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** Up to {@code lines} last lines of {@code file}; a note instead when it is missing or empty. */
  public static String of(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      raf.seek(length - size);
      raf.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      List<String> all = Arrays.asList(text.split("\r?\n", -1));
      int end = all.size();
      while (end > 0 && all.get(end - 1).isBlank()) {
        end--;
      }
      // the first line of a window that does not start the file may be cut in the middle: drop it
      int start = size < length ? 1 : 0;
      start = Math.max(start, end - lines);
      if (end <= start) {
        return "(" + file + " is empty)";
      }
      return String.join("\n", all.subList(start, end));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
