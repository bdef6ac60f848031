package io.lethe.orchestrator.auth;

import io.lethe.orchestrator.config.AuthConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start an API that could verify no token: without a public key every request would be a
 * 401 and the cause would only show in a log line per request. With authentication disabled it says
 * so, loudly, at every start.
 */
@ApplicationScoped
public class AuthStartupCheck {

  private static final Logger LOG = Logger.getLogger(AuthStartupCheck.class);

  /** SmallRye JWT's value for a key setting that is not set. */
  private static final String NOT_SET = "NONE";

  private final AuthConfig config;
  private final Optional<String> publicKey;
  private final Optional<String> publicKeyLocation;

  public AuthStartupCheck(
      AuthConfig config,
      @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> publicKey,
      @ConfigProperty(name = "mp.jwt.verify.publickey.location")
          Optional<String> publicKeyLocation) {
    this.config = config;
    this.publicKey = publicKey.filter(v -> !v.equals(NOT_SET));
    this.publicKeyLocation = publicKeyLocation.filter(v -> !v.equals(NOT_SET));
  }

  void check(@Observes StartupEvent start) {
    if (!config.enabled()) {
      LOG.warn(
          "\n*****************************************************************************\n"
              + "* AUTHENTICATION IS DISABLED (lethe.auth.enabled=false): anyone who can     *\n"
              + "* reach this port may submit, read and cancel the jobs of every tenant.     *\n"
              + "* Never run this way where others can reach the API.                        *\n"
              + "*****************************************************************************");
      return;
    }
    if (publicKey.isEmpty() && publicKeyLocation.isEmpty()) {
      throw new IllegalStateException(
          "the job API requires bearer tokens but no key verifies them: set LETHE_JWT_PUBLIC_KEY"
              + " (the PEM public key) or LETHE_JWT_PUBLIC_KEY_LOCATION (a PEM or JWKS file or"
              + " URL); see README \"Security\"");
    }
    publicKeyLocation.flatMap(AuthStartupCheck::localFile).ifPresent(this::readable);
  }

  /** The file a location names, if it names a local one (not a URL or a classpath resource). */
  private static Optional<Path> localFile(String location) {
    if (location.startsWith("/")) {
      return Optional.of(Path.of(location));
    }
    if (location.startsWith("file:")) {
      return Optional.of(Path.of(URI.create(location)));
    }
    return Optional.empty();
  }

  private void readable(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalStateException(
          "the public key that verifies bearer tokens cannot be read: "
              + file
              + " (LETHE_JWT_PUBLIC_KEY_LOCATION)");
    }
  }
}
