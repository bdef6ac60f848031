package io.lethe.stack;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.FileHandler;

/**
 * Sends everything logged inside the launcher JVM — the in-process Kafka broker and zonky's
 * PostgreSQL output, hundreds of lines per start — to {@code infra.log}, and only the stack's own
 * progress lines ({@code io.lethe.stack}) to the console as well. Kafka and zonky log through
 * SLF4J, which {@code slf4j-jboss-logmanager} binds to this log context; {@link System.Logger}
 * reaches it through JBoss LogManager's {@code LoggerFinder}.
 */
public final class InfraLogging {

  private static final String STACK_LOGGER = "io.lethe.stack";
  private static final String FILE_PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n";
  private static final String CONSOLE_PATTERN = "%d{HH:mm:ss} %s%e%n";

  private static Handler consoleHandler;
  private static Handler fileHandler;

  private InfraLogging() {}

  /** Routes all logging to a fresh {@code infraLog} (the previous one kept as {@code .1}). */
  public static synchronized void routeTo(Path infraLog) {
    LogFiles.rotate(infraLog);
    FileHandler file;
    try {
      file = new FileHandler(new PatternFormatter(FILE_PATTERN), infraLog.toFile(), false);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cannot open " + infraLog, e);
    }
    file.setLevel(Level.ALL);
    Logger root = LogContext.getSystemLogContext().getLogger("");
    root.setLevel(Level.INFO);
    // replaced, not closed: a default console handler may write to the shared System.out
    root.setHandlers(new Handler[] {file});
    if (fileHandler != null) {
      fileHandler.close(); // the previous run's infra.log
    }
    fileHandler = file;

    Logger stack = LogContext.getSystemLogContext().getLogger(STACK_LOGGER);
    if (consoleHandler == null) {
      consoleHandler =
          new ConsoleHandler(
              ConsoleHandler.Target.SYSTEM_OUT, new PatternFormatter(CONSOLE_PATTERN));
      consoleHandler.setLevel(Level.INFO);
      stack.addHandler(consoleHandler);
    }
    stack.setUseParentHandlers(true); // progress lines belong in infra.log too, for context
  }
}
