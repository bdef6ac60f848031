package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryRootTest {

  @Test
  void theNearestDirectoryWithMvnwAboveTheStartIsTheRepository(@TempDir Path tmp)
      throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("lethe"));
    Files.createFile(repo.resolve("mvnw"));
    Path jarDir = Files.createDirectories(repo.resolve("local-stack/target"));

    assertThat(RepositoryRoot.findFrom(jarDir.resolve("local-stack.jar"))).contains(repo);
    assertThat(RepositoryRoot.findFrom(repo)).contains(repo);
  }

  @Test
  void aDirectoryNamedMvnwDoesNotCount(@TempDir Path tmp) throws IOException {
    Path start = Files.createDirectories(tmp.resolve("a/mvnw/b"));

    assertThat(RepositoryRoot.findFrom(start)).isEmpty();
  }

  @Test
  void theTestsRunInsideTheLetheRepository() {
    // the surefire working directory is local-stack/, one level below mvnw
    assertThat(RepositoryRoot.locate())
        .hasValueSatisfying(root -> assertThat(root.resolve("local-stack/pom.xml")).exists());
  }
}
