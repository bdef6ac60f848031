package io.lethe.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The local stack's stand-in for an identity provider: an RSA key pair under {@code
 * <data-dir>/auth}, created on the first start and reused afterwards, whose public half the
 * orchestrator verifies bearer tokens with ({@code LETHE_JWT_PUBLIC_KEY_LOCATION}) and whose
 * private half signs a long-lived token for the developer. For one machine only: whoever can read
 * the private key can act as any tenant, so it is readable by its owner alone.
 */
public final class DevelopmentKeys {

  /** The issuer of development tokens ({@code LETHE_JWT_ISSUER} of the orchestrator). */
  public static final String ISSUER = "lethe-local";

  /** The tenant the development token acts for. */
  public static final String TENANT = "local";

  /** Every role of the job API: the developer submits, views, and sees every tenant. */
  public static final List<String> ROLES = List.of("submit", "view", "admin");

  /** A development token outlives any session: a year, then the next start prints a new one. */
  public static final Duration TOKEN_LIFETIME = Duration.ofDays(365);

  static final String PRIVATE_KEY_FILE = "private-key.pem";

  /** The public key's file name in the key directory. */
  public static final String PUBLIC_KEY_FILE = "public-key.pem";

  static final String TOKEN_FILE = "token";

  private static final String OWNER_ONLY = "rw-------";
  private static final String READABLE = "rw-r--r--";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final Path directory;
  private final KeyPair keys;

  private DevelopmentKeys(Path directory, KeyPair keys) {
    this.directory = directory;
    this.keys = keys;
  }

  /**
   * The key pair in {@code directory}: read when both files are there, otherwise created (and any
   * half left from an earlier pair replaced, which invalidates the tokens it signed).
   *
   * @throws StackStartException when the files exist but cannot be read as an RSA key pair
   */
  public static DevelopmentKeys loadOrCreate(Path directory) {
    Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
    Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
    try {
      Files.createDirectories(directory);
      if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
        return new DevelopmentKeys(directory, read(privateFile, publicFile));
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      write(privateFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), OWNER_ONLY);
      // readable by all: a container's user (Docker Compose mounts it) must read it too
      write(publicFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()), READABLE);
      return new DevelopmentKeys(directory, keys);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the development keys in " + directory, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new StackStartException(
          "the development keys in "
              + directory
              + " are unreadable ("
              + e.getMessage()
              + "); delete the directory to create new ones",
          e);
    }
  }

  /** The PEM public key the orchestrator verifies tokens with. */
  public Path publicKeyFile() {
    return directory.resolve(PUBLIC_KEY_FILE);
  }

  /** Where {@link #writeToken} leaves the development token, for scripts. */
  public Path tokenFile() {
    return directory.resolve(TOKEN_FILE);
  }

  /**
   * The development token: tenant {@link #TENANT}, every role, valid for {@link #TOKEN_LIFETIME}
   * from {@code now}; also written (owner-readable only) to {@link #tokenFile()}.
   */
  public String writeToken(Instant now) {
    String token = token(TENANT, ROLES, now, TOKEN_LIFETIME);
    try {
      write(tokenFile(), token + "\n", OWNER_ONLY);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tokenFile(), e);
    }
    return token;
  }

  /**
   * A token signed with the development key (RS256), as an identity provider would issue it.
   *
   * @param tenant the {@code tenant} claim
   * @param roles the {@code groups} claim
   * @param issuedAt {@code iat}
   * @param lifetime {@code exp} - {@code iat}
   */
  public String token(String tenant, List<String> roles, Instant issuedAt, Duration lifetime) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", "developer@" + tenant);
    claims.put("upn", "developer@" + tenant);
    claims.put("tenant", tenant);
    claims.put("groups", roles);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    String signed = base64Json(header) + "." + base64Json(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + BASE64URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the development key", e);
    }
  }

  private static KeyPair read(Path privateFile, Path publicFile)
      throws IOException, GeneralSecurityException {
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    return new KeyPair(
        rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicFile)))),
        rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile)))));
  }

  private static byte[] der(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static String base64Json(Map<String, Object> value) {
    try {
      return BASE64URL.encodeToString(JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes through a temporary file moved into place, so a reader never sees half a key; the file
   * has its permissions from the moment it exists, whatever the umask (where the file system has
   * POSIX permissions).
   */
  private static void write(Path file, String text, String permissions) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> mode = PosixFilePermissions.fromString(permissions);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(mode));
      // the umask may have taken some away
      Files.setPosixFilePermissions(tmp, mode);
    }
    Files.writeString(tmp, text);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
