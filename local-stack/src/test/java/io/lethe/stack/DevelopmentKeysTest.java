package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development key pair: created once, reused afterwards, the private half readable by its owner
 * only, and tokens that its public half verifies with the claims the orchestrator reads.
 */
class DevelopmentKeysTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Whether {@code token}'s RS256 signature verifies with the PEM public key in {@code file}. */
  static boolean verifies(Path file, String token) throws Exception {
    String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "");
    PublicKey key =
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
    int lastDot = token.lastIndexOf('.');
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(key);
    rsa.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    return rsa.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
  }

  static JsonNode part(String token, int index) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
  }

  @Test
  void theDevelopmentTokenCarriesIssuerTenantRolesAndAYearOfValidity() throws Exception {
    DevelopmentKeys keys = DevelopmentKeys.loadOrCreate(dir);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    String token = keys.writeToken(now);

    assertThat(verifies(keys.publicKeyFile(), token)).isTrue();
    assertThat(part(token, 0).path("alg").asText()).isEqualTo("RS256");
    JsonNode claims = part(token, 1);
    assertThat(claims.path("iss").asText()).isEqualTo(DevelopmentKeys.ISSUER);
    assertThat(claims.path("tenant").asText()).isEqualTo("local");
    assertThat(JSON.convertValue(claims.path("groups"), List.class))
        .containsExactly("submit", "view", "admin");
    assertThat(claims.path("iat").asLong()).isEqualTo(now.getEpochSecond());
    assertThat(claims.path("exp").asLong())
        .isEqualTo(now.plus(Duration.ofDays(365)).getEpochSecond());
    assertThat(Files.readString(keys.tokenFile()).strip()).isEqualTo(token);
  }

  @Test
  void theKeyPairIsCreatedOnceAndReused() throws Exception {
    String before = DevelopmentKeys.loadOrCreate(dir).writeToken(Instant.now());
    byte[] publicKey = Files.readAllBytes(dir.resolve("public-key.pem"));
    byte[] privateKey = Files.readAllBytes(dir.resolve("private-key.pem"));

    DevelopmentKeys again = DevelopmentKeys.loadOrCreate(dir);
    assertThat(Files.readAllBytes(dir.resolve("public-key.pem"))).isEqualTo(publicKey);
    assertThat(Files.readAllBytes(dir.resolve("private-key.pem"))).isEqualTo(privateKey);
    // a token printed by an earlier start still verifies, and a new one too
    assertThat(verifies(again.publicKeyFile(), before)).isTrue();
    assertThat(verifies(again.publicKeyFile(), again.writeToken(Instant.now()))).isTrue();
  }

  @Test
  void secretsAreReadableByTheirOwnerOnly() throws Exception {
    DevelopmentKeys.loadOrCreate(dir).writeToken(Instant.now());
    Set<PosixFilePermission> ownerOnly =
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(dir.resolve("private-key.pem"))).isEqualTo(ownerOnly);
    assertThat(Files.getPosixFilePermissions(dir.resolve("token"))).isEqualTo(ownerOnly);
    // the orchestrator (or a container) reads the public key
    assertThat(Files.getPosixFilePermissions(dir.resolve("public-key.pem")))
        .contains(PosixFilePermission.OTHERS_READ);
  }

  @Test
  void aLostHalfIsReplacedByANewPair() throws Exception {
    String old = DevelopmentKeys.loadOrCreate(dir).writeToken(Instant.now());
    Files.delete(dir.resolve("private-key.pem"));
    DevelopmentKeys fresh = DevelopmentKeys.loadOrCreate(dir);
    assertThat(verifies(fresh.publicKeyFile(), old)).isFalse();
    assertThat(verifies(fresh.publicKeyFile(), fresh.writeToken(Instant.now()))).isTrue();
  }

  @Test
  void unreadableKeysFailWithWhereTheyAre() throws Exception {
    DevelopmentKeys.loadOrCreate(dir);
    Files.writeString(dir.resolve("public-key.pem"), "-----BEGIN PUBLIC KEY-----\nnot a key\n");
    assertThatThrownBy(() -> DevelopmentKeys.loadOrCreate(dir))
        .isInstanceOf(StackStartException.class)
        .hasMessageContaining(dir.toString());
  }
}
