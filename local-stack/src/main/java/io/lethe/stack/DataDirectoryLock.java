package io.lethe.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on a data directory, held while a stack runs. Two stacks on one directory
 * would corrupt each other's PostgreSQL cluster and Kafka log; the lock also tells a new stack that
 * any process still recorded there is an orphan of a crashed launcher, not a live stack. The OS
 * releases it when the holder dies, however it dies.
 */
public final class DataDirectoryLock implements AutoCloseable {

  static final String LOCK_FILE = "stack.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or fails at once, naming the directory. */
  public static DataDirectoryLock acquire(Path dataDirectory) {
    Path file = dataDirectory.resolve(LOCK_FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDirectory);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw inUse(dataDirectory, null);
      }
      return new DataDirectoryLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw inUse(dataDirectory, e); // held by another stack in this very JVM
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StackStartException("cannot lock data directory " + dataDirectory + ": " + e, e);
    } catch (StackStartException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static StackStartException inUse(Path dataDirectory, Throwable cause) {
    return new StackStartException(
        "another Lethe stack is running on "
            + dataDirectory
            + " (stop it first, or pass a different --data-dir)",
        cause);
  }

  /** Releases the lock (the lock file stays; its presence means nothing, only the lock does). */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel close below releases it as well
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
