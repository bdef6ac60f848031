package io.lethe.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.orchestrator.config.AuthConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API that requires tokens does not start without a key to verify them. */
class AuthStartupCheckTest {

  static AuthConfig auth(boolean enabled) {
    return new AuthConfig() {
      @Override
      public boolean enabled() {
        return enabled;
      }

      @Override
      public String tenantClaim() {
        return "tenant";
      }
    };
  }

  @Test
  void noKeyRefusesToStart() {
    // NONE: what application.properties makes of an unset LETHE_JWT_PUBLIC_KEY(_LOCATION)
    for (Optional<String> unset :
        java.util.List.of(Optional.<String>empty(), Optional.of("NONE"))) {
      AuthStartupCheck check = new AuthStartupCheck(auth(true), unset, unset);
      assertThatThrownBy(() -> check.check(null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("LETHE_JWT_PUBLIC_KEY");
    }
  }

  @Test
  void anUnreadableKeyFileRefusesToStart(@TempDir Path dir) {
    String missing = dir.resolve("public-key.pem").toString();
    for (String location : new String[] {missing, "file:" + missing}) {
      AuthStartupCheck check =
          new AuthStartupCheck(auth(true), Optional.empty(), Optional.of(location));
      assertThatThrownBy(() -> check.check(null)).hasMessageContaining(missing);
    }
  }

  @Test
  void aKeyOrAReadableFileOrAUrlStarts(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("public-key.pem"), "-----BEGIN PUBLIC KEY-----");
    for (AuthStartupCheck check :
        new AuthStartupCheck[] {
          new AuthStartupCheck(
              auth(true), Optional.of("-----BEGIN PUBLIC KEY-----"), Optional.empty()),
          new AuthStartupCheck(auth(true), Optional.empty(), Optional.of(file.toString())),
          new AuthStartupCheck(
              auth(true), Optional.empty(), Optional.of("https://idp.example.com/jwks")),
        }) {
      assertThatCode(() -> check.check(null)).doesNotThrowAnyException();
    }
  }

  @Test
  void disabledAuthenticationStartsWithoutAKey() {
    assertThatCode(
            () -> new AuthStartupCheck(auth(false), Optional.empty(), Optional.empty()).check(null))
        .doesNotThrowAnyException();
  }
}
