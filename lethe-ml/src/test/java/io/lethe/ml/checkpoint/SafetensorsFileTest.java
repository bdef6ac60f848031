package io.lethe.ml.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safetensors format: bit-exact round trip, header layout, 16-bit reads, malformed files,
 * shards.
 */
class SafetensorsFileTest {

  @TempDir Path dir;

  @Test
  void float32RoundTripIsBitExactIncludingSpecialValues() throws IOException {
    float[] values = {
      0f,
      -0f,
      1f,
      -1.5f,
      Float.MIN_VALUE,
      Float.MAX_VALUE,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.intBitsToFloat(0x7FC00001),
      3.1415927f,
      1e-30f,
      -7.25e12f
    };
    Path file = dir.resolve("a.safetensors");
    SafetensorsFile.write(
        file,
        List.of(
            new SafetensorsFile.Tensor("w", new long[] {3, 4}, values),
            new SafetensorsFile.Tensor("b", new long[] {2}, new float[] {5f, 6f})),
        Map.of("step", "3"));
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      assertThat(f.metadata()).containsEntry("format", "pt").containsEntry("step", "3");
      assertThat(f.shape("w")).containsExactly(3, 4);
      float[] read = f.readFloat32("w");
      for (int i = 0; i < values.length; i++) {
        assertThat(Float.floatToRawIntBits(read[i])).isEqualTo(Float.floatToRawIntBits(values[i]));
      }
      assertThat(f.readFloat32("b")).containsExactly(5f, 6f);
    }
  }

  @Test
  void headerIsWhatHuggingFaceReadersExpect() throws IOException {
    Path file = dir.resolve("h.safetensors");
    SafetensorsFile.write(
        file,
        List.of(
            new SafetensorsFile.Tensor("x.weight", new long[] {2, 3}, new float[6]),
            new SafetensorsFile.Tensor("y", new long[] {5}, new float[5])),
        null);
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(n % 8).as("header padded to 8-byte alignment").isZero();
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertThat(header).startsWith("{");
    assertThat(header.stripTrailing()).endsWith("}");
    JsonNode json = new ObjectMapper().readTree(header);
    assertThat(json.get("__metadata__").get("format").asText()).isEqualTo("pt");
    assertThat(json.get("x.weight").get("dtype").asText()).isEqualTo("F32");
    assertThat(json.get("x.weight").get("shape").toString()).isEqualTo("[2,3]");
    assertThat(json.get("x.weight").get("data_offsets").toString()).isEqualTo("[0,24]");
    assertThat(json.get("y").get("data_offsets").toString()).isEqualTo("[24,44]");
    assertThat(bytes.length).isEqualTo(8 + n + 44);
  }

  @Test
  void readsFloat16AndBfloat16AsFloat32() throws IOException {
    short[] f16 = {0x3C00, (short) 0xC000, 0x3555, 0x0001, 0x7C00, (short) 0x8000};
    short[] bf16 = {0x3F80, (short) 0xC0A0, 0x3EAB};
    Path file = dir.resolve("half.safetensors");
    writeRaw(
        file,
        "{\"a\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[12,18]}}",
        shorts(f16, bf16));
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      assertThat(f.dtype("a")).isEqualTo(SafetensorsDType.F16);
      assertThat(f.readFloat32("a"))
          .containsExactly(1f, -2f, 0.33325195f, 0x1p-24f, Float.POSITIVE_INFINITY, -0f);
      assertThat(f.readFloat32("b")).containsExactly(1f, -5f, 0.333984375f);
    }
  }

  @Test
  void halfPrecisionWritersRoundToNearestEven() throws IOException {
    float halfwayDown = 1f + 0x1p-11f; // between 1 and 1+2^-10: ties to even → 1
    float halfwayUp = 1f + 3 * 0x1p-11f; // between 1+2^-10 and 1+2^-9: ties to even → 1+2^-9
    assertThat(HalfPrecision.f16ToFloat(HalfPrecision.floatToF16(halfwayDown))).isEqualTo(1f);
    assertThat(HalfPrecision.f16ToFloat(HalfPrecision.floatToF16(halfwayUp)))
        .isEqualTo(1f + 0x1p-9f);
    assertThat(HalfPrecision.f16ToFloat(HalfPrecision.floatToF16(70000f))).isInfinite();
    assertThat(HalfPrecision.f16ToFloat(HalfPrecision.floatToF16(3 * 0x1p-24f)))
        .isEqualTo(3 * 0x1p-24f);
    assertThat(HalfPrecision.bf16ToFloat(HalfPrecision.floatToBf16(1f + 0x1p-8f))).isEqualTo(1f);
    assertThat(HalfPrecision.bf16ToFloat(HalfPrecision.floatToBf16(1f + 3 * 0x1p-8f)))
        .isEqualTo(1f + 0x1p-6f);

    float[] values = {0.5f, -3.25f, 1024f, 0.1f};
    Path file = dir.resolve("bf.safetensors");
    SafetensorsFile.write(
        file,
        List.of(new SafetensorsFile.Tensor("t", new long[] {4}, values, SafetensorsDType.BF16)),
        null);
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      assertThat(f.info("t").end()).isEqualTo(8);
      assertThat(f.readFloat32("t")).containsExactly(0.5f, -3.25f, 1024f, 0.10009765625f);
    }
  }

  @Test
  void refusesInconsistentOffsetsAndTruncatedFiles() throws IOException {
    Path gap = dir.resolve("gap.safetensors");
    writeRaw(gap, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);
    assertThatThrownBy(() -> SafetensorsFile.open(gap))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("data_offsets");

    Path wrongSize = dir.resolve("size.safetensors");
    writeRaw(
        wrongSize, "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
    assertThatThrownBy(() -> SafetensorsFile.open(wrongSize))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("byte size");

    Path good = dir.resolve("good.safetensors");
    SafetensorsFile.write(
        good, List.of(new SafetensorsFile.Tensor("a", new long[] {4}, new float[4])), null);
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = dir.resolve("truncated.safetensors");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
    assertThatThrownBy(() -> SafetensorsFile.open(truncated))
        .isInstanceOf(SafetensorsFormatException.class);

    Path garbage = dir.resolve("garbage.safetensors");
    Files.write(garbage, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> SafetensorsFile.open(garbage))
        .isInstanceOf(SafetensorsFormatException.class);
  }

  @Test
  void readsShardedCheckpointThroughItsIndex() throws IOException {
    SafetensorsFile.write(
        dir.resolve("model-00001-of-00002.safetensors"),
        List.of(new SafetensorsFile.Tensor("a", new long[] {2}, new float[] {1, 2})),
        null);
    SafetensorsFile.write(
        dir.resolve("model-00002-of-00002.safetensors"),
        List.of(
            new SafetensorsFile.Tensor(
                "b", new long[] {1, 1}, new float[] {3}, SafetensorsDType.F16)),
        null);
    Files.writeString(
        dir.resolve(ShardedSafetensors.INDEX_FILE),
        "{\"metadata\":{\"total_size\":10},\"weight_map\":{\"a\":\"model-00001-of-00002.safetensors\","
            + "\"b\":\"model-00002-of-00002.safetensors\"}}");
    try (TensorSource source = ShardedSafetensors.openDirectory(dir)) {
      assertThat(source.names()).containsExactly("a", "b");
      assertThat(source.readFloat32("a")).containsExactly(1f, 2f);
      assertThat(source.shape("b")).containsExactly(1, 1);
      assertThat(source.dtype("b")).isEqualTo(SafetensorsDType.F16);
      assertThat(source.readFloat32("b")).containsExactly(3f);
    }
  }

  private static byte[] shorts(short[]... groups) {
    int n = Arrays.stream(groups).mapToInt(g -> g.length).sum();
    ByteBuffer buf = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short[] g : groups) {
      for (short s : g) {
        buf.putShort(s);
      }
    }
    return buf.array();
  }

  /** Writes a safetensors file byte by byte, independently of the writer under test. */
  static void writeRaw(Path file, String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(h.length).put(h).put(data);
    Files.write(file, buf.array());
  }
}
