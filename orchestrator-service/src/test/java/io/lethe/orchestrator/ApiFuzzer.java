package io.lethe.orchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates malformed requests against every endpoint of the job API from one seed: mutations of a
 * valid job (wrong types, missing fields, huge and non-finite numbers, deep nesting, long and
 * unusual strings, nulls, arrays for objects, traversing locations), bodies that are not JSON,
 * wrong content types, malformed ids, bad query parameters, wrong methods and oversized bodies —
 * all with a valid bearer token — and requests to every endpoint with missing, malformed, forged or
 * insufficient credentials. The same seed gives the same requests, so a failure found once is found
 * again.
 */
final class ApiFuzzer {

  /**
   * A request to send. {@code chunked}: no Content-Length, the body is streamed; {@code
   * authorization}: the Authorization header (null: none).
   */
  record Request(
      String kind,
      String method,
      String path,
      String contentType,
      String accept,
      byte[] body,
      boolean chunked,
      String authorization) {

    String describe() {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      String auth =
          authorization == null
              ? "no Authorization "
              : "Authorization '"
                  + (authorization.length() > 60
                      ? authorization.substring(0, 60) + "…"
                      : authorization)
                  + "' ";
      return kind
          + (chunked ? " (chunked) " : " ")
          + auth
          + method
          + " "
          + (path.length() > 120 ? path.substring(0, 120) + "…" : path)
          + " ["
          + contentType
          + "] "
          + (text.length() > 300 ? text.substring(0, 300) + "…(" + body.length + " bytes)" : text);
    }
  }

  static final String SHA = "a".repeat(64);

  /** A job the API accepts; every body mutation starts from it. */
  static final String VALID_JOB =
      """
      {"kind":"UNLEARN","method":"GA+GD",
       "dataset":{"source":"builtin","split":"forget10","seed":7,"authors":20,"questionsPerAuthor":10},
       "startModel":{"uri":"file:///ckpt/target","sha256":"%s"},
       "retainModel":{"uri":"file:///ckpt/retain","sha256":"%s"},
       "hyperparameters":{"learningRate":1e-5,"epochs":5,"effectiveBatch":32,"microBatch":4,
                          "weightDecay":0.01,"beta":0.1,"meForm":"KL_U_P","maxLength":256},
       "policy":{"floors":[{"metricId":"tofu.model_utility@1","maxRelativeDrop":0.1}],
                 "probeEvery":1,"fullEvery":5,"onBreach":"MIX","mixTolerance":0.05,
                 "mixMaxIterations":6,"maxGradNorm":1000.0,"maxSteps":100,
                 "forgetTarget":{"metricId":"cl.forget_efficacy@1","threshold":0.9,"higherIsBetter":true}},
       "evaluation":{"maxItemsPerSet":50,"shardSize":25},
       "seed":1001}
      """
          .formatted(SHA, SHA);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEEP = "@@deep:";
  private static final Pattern DEEP_MARKER = Pattern.compile("\"" + DEEP + "([0-9]+)\"");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] ID_SUFFIXES = {
    "", "/cancel", "/decisions", "/evaluations", "/checkpoints", "/report", "/events"
  };
  private static final String[] WEIRD_STRINGS = {
    "",
    " ",
    "NaN",
    "Infinity",
    "-Infinity",
    "null",
    "../../../etc/passwd",
    "/data/tofu/../../etc",
    "file:///etc/passwd",
    "file://evil-host/ckpt/x",
    "file:///ckpt/%2e%2e/%2e%2e/etc",
    "http://169.254.169.254/latest/meta-data",
    "s3://bucket/key",
    "/ckpt/a\u0000b",
    "C:\\Windows\\System32",
    "\\\\server\\share",
    "~/.ssh/id_rsa",
    "${jndi:ldap://x/a}",
    "{0}{1}${x}#{y}",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\u202eevil\u202c",
    "\u200b\u200b\u200b",
    "日本語のテキスト",
    "😀😀😀",
    "\ud800",
    "A".repeat(5_000),
    "GA+GD ",
    "ga+gd",
    "FINETUNE",
    "forget10\n",
    "tofu.model_utility@1\u0000",
  };

  private final Random random;
  private final String existingJobId;
  private final JsonNode validJob;
  private final String authorization;
  private final List<String> refusedAuthorizations;

  /**
   * @param authorization the header of a caller who may submit and read {@code existingJobId}
   * @param refusedAuthorizations headers the API must refuse (401, 403) or that must not see the
   *     job (404): forged, expired, role-less, another tenant's
   */
  ApiFuzzer(
      long seed, String existingJobId, String authorization, List<String> refusedAuthorizations) {
    this.random = new Random(seed);
    this.existingJobId = existingJobId;
    this.authorization = authorization;
    this.refusedAuthorizations = List.copyOf(refusedAuthorizations);
    try {
      this.validJob = JSON.readTree(VALID_JOB);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next request; the mix of kinds is fixed by weights, the details by the seed. */
  Request next() {
    int pick = random.nextInt(100);
    if (pick < 10) {
      return badCredentials();
    }
    if (pick < 45) {
      return mutatedJob();
    }
    if (pick < 53) {
      return notJson();
    }
    if (pick < 60) {
      return wrongContentType();
    }
    if (pick < 75) {
      return malformedId();
    }
    if (pick < 84) {
      return badQuery();
    }
    if (pick < 91) {
      return wrongMethod();
    }
    if (pick < 95) {
      return oversized();
    }
    return textMutatedJob();
  }

  // ---- job bodies -----------------------------------------------------------------------------

  private Request mutatedJob() {
    JsonNode job = validJob.deepCopy();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      job = mutate(job);
    }
    return post("mutated-job", "/jobs", "application/json", bytes(withDeepNesting(write(job))));
  }

  /** Replaces one node of the tree (possibly the root) with a hostile value. */
  private JsonNode mutate(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty() || random.nextInt(20) == 0) {
      return hostileValue(root);
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    if (random.nextInt(6) == 0 && slot.parent() instanceof ObjectNode object) {
      object.remove(slot.name());
      return root;
    }
    slot.set(hostileValue(slot.get()));
    if (random.nextInt(8) == 0 && slot.parent() instanceof ObjectNode object) {
      object.set("unknown" + random.nextInt(100), hostileValue(slot.get()));
    }
    return root;
  }

  private JsonNode hostileValue(JsonNode current) {
    return switch (random.nextInt(16)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.textNode(pick(WEIRD_STRINGS));
      case 2 -> NODES.numberNode(pick(new double[] {-1, 0, -0.0, 1e308, -1e308, 4.9e-324, 0.5}));
      case 3 ->
          NODES.numberNode(pick(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, 1L << 40}));
      case 4 -> NODES.numberNode(new BigInteger("9".repeat(1 + random.nextInt(400))));
      case 5 -> NODES.booleanNode(random.nextBoolean());
      case 6 -> NODES.arrayNode().add(current == null ? NODES.nullNode() : current.deepCopy());
      case 7 -> NODES.objectNode().set("value", current == null ? NODES.nullNode() : current);
      case 8 -> NODES.textNode(DEEP + (1 + random.nextInt(random.nextBoolean() ? 50 : 3_000)));
      case 9 -> NODES.textNode("x".repeat(1 + random.nextInt(40_000)));
      case 10 -> NODES.textNode(randomUnicode(1 + random.nextInt(200)));
      case 11 -> NODES.textNode(pick(new String[] {"NaN", "Infinity", "-Infinity", "1e999"}));
      case 12 -> manyElements();
      case 13 -> NODES.numberNode(random.nextInt(20_000) - 10_000);
      case 14 -> NODES.textNode(Long.toString(random.nextLong()));
      default -> NODES.objectNode();
    };
  }

  /**
   * Deep nesting is spliced into the text, since a JSON generator refuses to write more than 1000
   * levels: the marker {@code "@@deep:N"} becomes N nested arrays and objects.
   */
  private String withDeepNesting(String json) {
    Matcher marker = DEEP_MARKER.matcher(json);
    StringBuilder out = new StringBuilder();
    while (marker.find()) {
      int depth = Integer.parseInt(marker.group(1));
      StringBuilder open = new StringBuilder();
      StringBuilder close = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        boolean array = random.nextBoolean();
        open.append(array ? "[" : "{\"n\":");
        close.insert(0, array ? "]" : "}");
      }
      marker.appendReplacement(out, Matcher.quoteReplacement(open + "1" + close));
    }
    marker.appendTail(out);
    return out.toString();
  }

  private JsonNode manyElements() {
    ArrayNode array = NODES.arrayNode();
    int n = 1 + random.nextInt(random.nextBoolean() ? 40 : 3_000);
    for (int i = 0; i < n; i++) {
      array.add(
          random.nextBoolean()
              ? NODES
                  .objectNode()
                  .put("metricId", "tofu.model_utility@1")
                  .put("maxRelativeDrop", 0.1)
              : NODES.nullNode());
    }
    return array;
  }

  /** Raw-text damage a tree cannot express: truncation, bare NaN, duplicates, trailing garbage. */
  private Request textMutatedJob() {
    String text = VALID_JOB;
    String damaged =
        switch (random.nextInt(7)) {
          case 0 -> text.substring(0, random.nextInt(text.length()));
          case 1 ->
              text.replace("1e-5", pick(new String[] {"NaN", "Infinity", "-Infinity", "1e-5e5"}));
          case 2 ->
              text.replace("{\"kind\":\"UNLEARN\"", "{\"kind\":\"UNLEARN\",\"kind\":\"FINETUNE\"");
          case 3 -> text + pick(new String[] {"}", "]", "garbage", "{}", "\u0000"});
          case 4 -> {
            int at = random.nextInt(text.length());
            yield text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(at);
          }
          case 5 -> text.replace("\"", "'");
          default -> "/* comment */" + text;
        };
    return post("text-mutated-job", "/jobs", "application/json", bytes(damaged));
  }

  private Request notJson() {
    byte[] body =
        switch (random.nextInt(12)) {
          case 0 -> randomBytes(1 + random.nextInt(2_000));
          case 1 -> bytes("<job><kind>UNLEARN</kind></job>");
          case 2 -> bytes("kind=UNLEARN&method=GA");
          case 3 -> new byte[0];
          case 4 -> bytes("   \n\t  ");
          case 5 -> bytes(pick(new String[] {"null", "true", "123", "\"job\"", "[]", "{}", "NaN"}));
          case 6 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes(VALID_JOB));
          case 7 -> VALID_JOB.getBytes(StandardCharsets.UTF_16);
          case 8 -> concat(new byte[] {0, 0, 0, '{'}, randomBytes(64));
          case 9 -> concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, randomBytes(64));
          case 10 -> VALID_JOB.getBytes(Charset.forName("UTF-32LE"));
          default -> bytes("{\"kind\":\"UNLEARN\",\"dataset\":" + "[".repeat(5_000));
        };
    return post("not-json", "/jobs", "application/json", body);
  }

  private Request wrongContentType() {
    String type =
        pick(
            new String[] {
              "text/plain",
              "application/xml",
              "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=xyz",
              "application/octet-stream",
              "application/json; charset=ebcdic",
              "application/json; charset=utf-32",
              "garbage////",
              "text/html",
              "application/problem+json",
              "*/*",
              ";;;",
            });
    return post("content-type", "/jobs", type, bytes(VALID_JOB));
  }

  // ---- ids, queries, methods ------------------------------------------------------------------

  private Request malformedId() {
    List<Supplier<String>> ids =
        List.of(
            () -> "not-a-uuid",
            () -> "00000000-0000-0000-0000-00000000000g",
            () -> existingJobId + "0",
            () -> existingJobId.substring(0, 35),
            () -> "-1",
            () -> "0",
            () -> "null",
            () -> "%00",
            () -> "..",
            () -> "../../etc/passwd",
            () -> "' OR 1=1 --",
            () -> "1-1-1-1-1",
            () -> "9".repeat(1 + random.nextInt(800)),
            () -> randomUnicode(1 + random.nextInt(100)),
            () -> "{" + existingJobId + "}",
            () -> existingJobId.replace('-', '_'),
            () -> "00000000-0000-4000-8000-" + "%012d".formatted(random.nextInt(1_000_000)));
    String id = ids.get(random.nextInt(ids.size())).get();
    // some ids go on the wire as they are: escapes the server decodes itself (NUL, '/', '.',
    // overlong and invalid UTF-8)
    String segment =
        random.nextInt(4) == 0
            ? pick(
                new String[] {
                  "%00", "%2e%2e", "..%2F..%2Fetc", "a%2Fb", "%C0%AE%C0%AE", "%FF%FE", "%20"
                })
            : encode(id);
    String suffix = pick(ID_SUFFIXES);
    String method = suffix.equals("/cancel") ? "POST" : "GET";
    return new Request(
        "malformed-id",
        method,
        "/jobs/" + segment + suffix,
        null,
        "*/*",
        null,
        false,
        authorization);
  }

  private Request badQuery() {
    if (random.nextBoolean()) {
      String limit =
          pick(
              new String[] {
                "abc", "-1", "0", "501", "99999999999", "1.5", "", "1e2", "0x10", "+5", " 5", "NaN"
              });
      return new Request(
          "bad-query",
          "GET",
          "/jobs?limit=" + encode(limit),
          null,
          "*/*",
          null,
          false,
          authorization);
    }
    String format =
        pick(
            new String[] {
              "xyz", "pdf", "HTML5", "json;", "../html", "ht ml", "%00", "x".repeat(500)
            });
    String id = random.nextBoolean() ? existingJobId : "00000000-0000-4000-8000-00000000abcd";
    String accept = pick(new String[] {"*/*", "text/html", "application/json"});
    return new Request(
        "bad-query",
        "GET",
        "/jobs/" + id + "/report?format=" + encode(format),
        null,
        accept,
        null,
        false,
        authorization);
  }

  private Request wrongMethod() {
    String path =
        pick(
            new String[] {
              "/jobs",
              "/jobs/" + existingJobId,
              "/jobs/" + existingJobId + "/cancel",
              "/jobs/" + existingJobId + "/report",
              "/jobs/" + existingJobId + "/decisions",
              "/jobs/not-a-uuid/evaluations",
            });
    String method = pick(new String[] {"PUT", "DELETE", "PATCH", "POST", "GET"});
    if (path.endsWith("/cancel") && method.equals("POST")
        || (!path.endsWith("/cancel") && method.equals("GET"))
        || (path.equals("/jobs") && method.equals("POST"))) {
      method = "DELETE";
    }
    String accept = pick(new String[] {"*/*", "application/json", "application/xml", "text/csv"});
    byte[] body = method.equals("GET") || method.equals("DELETE") ? null : bytes(VALID_JOB);
    return new Request(
        "wrong-method",
        method,
        path,
        body == null ? null : "application/json",
        accept,
        body,
        false,
        authorization);
  }

  private Request oversized() {
    int size = 64 * 1024 + 1 + random.nextInt(3 * 64 * 1024);
    String padding = "x".repeat(size);
    byte[] body = bytes("{\"kind\":\"FINETUNE\",\"method\":\"" + padding + "\"}");
    return new Request(
        "oversized",
        "POST",
        "/jobs",
        "application/json",
        "*/*",
        body,
        random.nextBoolean(),
        authorization);
  }

  // ---- credentials ----------------------------------------------------------------------------

  /** Any endpoint, with a header that must not grant what the endpoint does. */
  private Request badCredentials() {
    String[][] endpoints = {
      {"POST", "/jobs"},
      {"GET", "/jobs"},
      {"GET", "/jobs/" + existingJobId},
      {"POST", "/jobs/" + existingJobId + "/cancel"},
      {"GET", "/jobs/" + existingJobId + "/decisions"},
      {"GET", "/jobs/" + existingJobId + "/evaluations"},
      {"GET", "/jobs/" + existingJobId + "/checkpoints"},
      {"GET", "/jobs/" + existingJobId + "/report"},
      {"GET", "/jobs/" + existingJobId + "/events"},
      {"GET", "/jobs/not-a-uuid"},
    };
    String[] endpoint = pick(endpoints);
    String header =
        switch (random.nextInt(6)) {
          case 0 -> null;
          case 1 ->
              "Bearer " + randomTokenText(1 + random.nextInt(random.nextBoolean() ? 60 : 4_000));
          case 2 ->
              pick(
                  new String[] {
                    "",
                    "Bearer",
                    "Bearer ",
                    "Bearer  ",
                    "Basic dXNlcjpwYXNz",
                    "Bearer a.b.c",
                    "Bearer ..",
                    "Bearer null",
                    "Token abc",
                    "Bearer ey.ey.ey"
                  });
          case 3 -> damaged(authorization);
          default -> pick(refusedAuthorizations.toArray(String[]::new));
        };
    boolean post = endpoint[0].equals("POST") && endpoint[1].equals("/jobs");
    return new Request(
        "credentials",
        endpoint[0],
        endpoint[1],
        post ? "application/json" : null,
        "*/*",
        post ? bytes(VALID_JOB) : null,
        false,
        header);
  }

  /**
   * A valid header, damaged so that it cannot verify: a character of the signed part changed (not
   * of the signature, whose last character has bits that decode to nothing), truncated, doubled,
   * another scheme, or something appended to the signature.
   */
  private String damaged(String header) {
    int start = "Bearer ".length();
    return switch (random.nextInt(5)) {
      case 0 -> {
        int at = start + random.nextInt(header.lastIndexOf('.') - start);
        char c = header.charAt(at);
        char replacement = c == '.' ? '-' : c == 'A' ? 'B' : 'A';
        yield header.substring(0, at) + replacement + header.substring(at + 1);
      }
      case 1 -> header.substring(0, start + random.nextInt(header.length() - start));
      case 2 -> header + "." + header.substring(start);
      case 3 ->
          pick(new String[] {"Basic ", "Bearer:", "Bearer", "Digest "}) + header.substring(start);
      default -> header + pick(new String[] {".", "x", "xyz"});
    };
  }

  /** Printable ASCII as a header may carry, biased towards base64url and dots. */
  private String randomTokenText(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(
          random.nextInt(10) == 0
              ? (char) (0x21 + random.nextInt(0x5e))
              : alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Request post(String kind, String path, String contentType, byte[] body) {
    String accept = random.nextInt(5) == 0 ? "application/xml" : "*/*";
    return new Request(kind, "POST", path, contentType, accept, body, false, authorization);
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        slots.add(new Slot(object, field.getKey(), -1));
        collect(field.getValue(), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }

  /** A place in the tree: a field of an object or an element of an array. */
  private record Slot(JsonNode parent, String name, int index) {
    JsonNode get() {
      return name != null ? parent.get(name) : parent.get(index);
    }

    void set(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(name, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }
  }

  private String randomUnicode(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int cp =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(0x20);
            case 1 -> 0x80 + random.nextInt(0x800);
            case 2 -> 0x1F600 + random.nextInt(0x50);
            default -> 0x3000 + random.nextInt(0x6000);
          };
      s.appendCodePoint(cp);
    }
    return s.toString();
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private double pick(double[] values) {
    return values[random.nextInt(values.length)];
  }

  private long pick(long[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
