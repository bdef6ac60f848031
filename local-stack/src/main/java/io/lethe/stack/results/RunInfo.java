package io.lethe.stack.results;

/**
 * How a results run went, for the record in RESULTS.md.
 *
 * @param command the command line as typed
 * @param commit the repository's commit (with {@code -dirty} when it had uncommitted changes)
 * @param startedAt when it started (ISO-8601, UTC)
 * @param wallSeconds stack start to the last report, in seconds
 * @param load one-minute load averages sampled while jobs ran: min, mean, max
 * @param cores available processors
 * @param dataset what the data was, in words
 * @param javaVersion the JVM's version
 */
public record RunInfo(
    String command,
    String commit,
    String startedAt,
    long wallSeconds,
    double[] load,
    int cores,
    String dataset,
    String javaVersion) {

  /** {@code 27 min 04 s}. */
  public String wallTime() {
    return String.format("%d min %02d s", wallSeconds / 60, wallSeconds % 60);
  }
}
