package io.lethe.orchestrator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * A fresh RSA key pair per test run, so no private key lives in the repository: the application
 * verifies tokens with its public half ({@code mp.jwt.verify.publickey}, the same setting
 * production uses), and {@link Tokens} signs them with the private half, handed over through the
 * test configuration.
 */
public class JwtTestKeys implements QuarkusTestResourceLifecycleManager {

  /** Test-only configuration key holding the PEM private key that signs test tokens. */
  static final String SIGNING_KEY = "lethe.test.jwt.signing-key";

  @Override
  public Map<String, String> start() {
    KeyPair keys = generate();
    return Map.of(
        "mp.jwt.verify.publickey",
        pem("PUBLIC KEY", keys.getPublic().getEncoded()),
        SIGNING_KEY,
        pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
  }

  @Override
  public void stop() {}

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
