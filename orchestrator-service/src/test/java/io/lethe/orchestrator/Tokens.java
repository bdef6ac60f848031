package io.lethe.orchestrator;

import io.lethe.orchestrator.auth.Roles;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bearer tokens as an identity provider would issue them to callers of the job API, signed with the
 * test key pair ({@link JwtTestKeys}) — and the ways a token can be wrong.
 */
final class Tokens {

  /** {@code mp.jwt.verify.issuer}'s default in application.properties. */
  static final String ISSUER = "lethe";

  /** The tenant the tests of other behaviour act for. */
  static final String TENANT = "tenant-a";

  private Tokens() {}

  /** A user of {@link #TENANT} who submits and views jobs: what most tests act as. */
  static String member() {
    return of(TENANT, Roles.SUBMIT, Roles.VIEW);
  }

  /** An operator who sees every tenant's jobs. */
  static String admin() {
    return of("operators", Roles.VIEW, Roles.ADMIN);
  }

  /** A valid token of {@code tenant} (none: null) with {@code roles}. */
  static String of(String tenant, String... roles) {
    return claims(tenant, roles).sign(signingKey());
  }

  static JwtClaimsBuilder claims(String tenant, String... roles) {
    JwtClaimsBuilder claims =
        Jwt.issuer(ISSUER)
            .subject("user-of-" + tenant)
            .groups(Set.of(roles))
            .expiresIn(Duration.ofHours(1));
    return tenant == null ? claims : claims.claim("tenant", tenant);
  }

  /** A member's token that expired an hour ago (well beyond the verifier's clock skew). */
  static String expired() {
    Instant now = Instant.now();
    return claims(TENANT, Roles.SUBMIT, Roles.VIEW)
        .issuedAt(now.minus(Duration.ofHours(2)))
        .expiresAt(now.minus(Duration.ofHours(1)))
        .sign(signingKey());
  }

  /** A member's token signed by a key the API does not trust. */
  static String signedByAnotherKey() {
    return claims(TENANT, Roles.SUBMIT, Roles.VIEW).sign(JwtTestKeys.generate().getPrivate());
  }

  /** A member's token from an issuer the API does not trust, signed with the trusted key. */
  static String fromIssuer(String issuer) {
    return claims(TENANT, Roles.SUBMIT, Roles.VIEW).issuer(issuer).sign(signingKey());
  }

  /** An unsigned token ({@code "alg":"none"}) that claims admin. */
  static String unsigned() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    String payload =
        "{\"iss\":\""
            + ISSUER
            + "\",\"sub\":\"forger\",\"tenant\":\""
            + TENANT
            + "\",\"groups\":[\"admin\",\"view\",\"submit\"],\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 3600)
            + "}";
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  /** A member's token whose payload was edited after signing: another tenant, admin role. */
  static String tampered() {
    String[] parts = member().split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"" + TENANT + "\"", "\"tenant-b\"")
            .replace("\"groups\":[", "\"groups\":[\"admin\",");
    return parts[0]
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  /**
   * HS256 with the public key as the shared secret: the classic key-confusion forgery against a
   * verifier that lets the token choose the algorithm.
   */
  static String hmacWithThePublicKey() {
    String publicKey = ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey", String.class);
    return claims(TENANT, Roles.SUBMIT, Roles.VIEW, Roles.ADMIN).signWithSecret(publicKey);
  }

  /** Request defaults that present {@code token} as a bearer token. */
  static RequestSpecification bearer(String token) {
    return new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token).build();
  }

  /** What most tests send: {@link #member()}'s token. */
  static RequestSpecification asMember() {
    return bearer(member());
  }

  static PrivateKey signingKey() {
    String pem = ConfigProvider.getConfig().getValue(JwtTestKeys.SIGNING_KEY, String.class);
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the test signing key is unreadable", e);
    }
  }
}
