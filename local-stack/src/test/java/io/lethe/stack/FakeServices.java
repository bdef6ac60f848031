package io.lethe.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds launches and runnable jars of {@link FakeQuarkusService} for the process-handling tests.
 */
final class FakeServices {

  private static final String MAIN = FakeQuarkusService.class.getName();

  private FakeServices() {}

  /** A launch of the fake in {@code mode} on {@code port}, logging to {@code dir/<name>.log}. */
  static ServiceLaunch launch(String name, String mode, int port, Path dir) {
    List<String> command =
        List.of(
            ServiceLaunch.currentJava(), "-Xmx64m", "-cp", testClasses().toString(), MAIN, mode);
    return new ServiceLaunch(
        name,
        command,
        Map.of("QUARKUS_HTTP_PORT", Integer.toString(port)),
        dir,
        dir.resolve(name + ".log"),
        URI.create("http://127.0.0.1:" + port + "/q/health/ready"));
  }

  /**
   * A fake repository: every service's {@code target/quarkus-app/quarkus-run.jar} is a jar of the
   * fake, so {@link LocalStack} runs its real launch path ({@code java -jar}, environment, logs)
   * against it.
   */
  static Path repository(Path root) throws IOException {
    Files.createFile(root.resolve("mvnw"));
    for (LetheService service : LetheService.values()) {
      Path jar = service.runnableJar(root);
      Files.createDirectories(jar.getParent());
      writeJar(jar);
    }
    return root;
  }

  private static void writeJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN);
    String packageDir = MAIN.substring(0, MAIN.lastIndexOf('.')).replace('.', '/');
    Path classes = testClasses().resolve(packageDir);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        DirectoryStream<Path> fakeClasses =
            Files.newDirectoryStream(
                classes, FakeQuarkusService.class.getSimpleName() + "*.class")) {
      List<Path> entries = new ArrayList<>();
      fakeClasses.forEach(entries::add);
      for (Path c : entries) {
        out.putNextEntry(new JarEntry(packageDir + "/" + c.getFileName()));
        try (InputStream in = Files.newInputStream(c)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
  }

  private static Path testClasses() {
    try {
      return Path.of(
          FakeQuarkusService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
