package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

  @Test
  void aSecondStackOnTheSameDirectoryIsRefusedUntilTheFirstReleases(@TempDir Path tmp) {
    Path data = tmp.resolve("data");

    try (DataDirectoryLock first = DataDirectoryLock.acquire(data)) {
      assertThatThrownBy(() -> DataDirectoryLock.acquire(data))
          .isInstanceOf(StackStartException.class)
          .hasMessageContaining("another Lethe stack is running on " + data);
    }
    try (DataDirectoryLock again = DataDirectoryLock.acquire(data)) {
      assertThat(data.resolve(DataDirectoryLock.LOCK_FILE)).exists();
    }
  }

  @Test
  void differentDirectoriesDoNotInterfere(@TempDir Path tmp) {
    try (DataDirectoryLock a = DataDirectoryLock.acquire(tmp.resolve("a"));
        DataDirectoryLock b = DataDirectoryLock.acquire(tmp.resolve("b"))) {
      assertThat(tmp.resolve("b").resolve(DataDirectoryLock.LOCK_FILE)).exists();
    }
  }
}
