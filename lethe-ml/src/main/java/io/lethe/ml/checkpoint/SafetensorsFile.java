package io.lethe.ml.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reader and writer of the safetensors format, the weight file of Hugging Face checkpoints.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length N; N bytes of UTF-8 JSON {@code
 * {"__metadata__": {str: str}, name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]},
 * ...}} (padded with spaces to a multiple of 8 so the data is aligned); then the raw little-endian
 * tensor bytes, offsets relative to the end of the header. The writer lays tensors out contiguously
 * in the order given and always writes {@code "format": "pt"} into the metadata, which transformers
 * requires before it will load a file.
 */
public final class SafetensorsFile implements TensorSource {

  /** Metadata key and value that transformers' {@code load_state_dict} checks. */
  public static final String FORMAT_KEY = "format";

  public static final String FORMAT_PT = "pt";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  /** One tensor entry of the header. */
  public record TensorInfo(
      String name, SafetensorsDType dtype, long[] shape, long begin, long end) {

    /** Number of elements. */
    public long elementCount() {
      long n = 1;
      for (long s : shape) {
        n *= s;
      }
      return n;
    }
  }

  /** A float32 tensor to write, stored as {@code storeAs} (F32 keeps it bit-exact). */
  public record Tensor(String name, long[] shape, float[] values, SafetensorsDType storeAs) {

    public Tensor(String name, long[] shape, float[] values) {
      this(name, shape, values, SafetensorsDType.F32);
    }
  }

  private final Path path;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsFile(
      Path path,
      FileChannel channel,
      long dataStart,
      Map<String, TensorInfo> tensors,
      Map<String, String> metadata) {
    this.path = path;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /** Opens {@code path}, parses and validates its header; tensor data is read on demand. */
  public static SafetensorsFile open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      long size = channel.size();
      if (size < 8) {
        throw new SafetensorsFormatException(path + ": file too short for a safetensors header");
      }
      ByteBuffer lengthBytes = readFully(channel, 0, 8);
      long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
        throw new SafetensorsFormatException(path + ": invalid header length " + headerLength);
      }
      ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength);
      String headerText = StandardCharsets.UTF_8.decode(headerBytes).toString();
      JsonNode header;
      try {
        header = JSON.readTree(headerText);
      } catch (IOException e) {
        throw new SafetensorsFormatException(path + ": header is not valid JSON", e);
      }
      if (header == null || !header.isObject()) {
        throw new SafetensorsFormatException(path + ": header is not a JSON object");
      }
      long dataStart = 8 + headerLength;
      Map<String, String> metadata = new LinkedHashMap<>();
      List<TensorInfo> infos = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (f.getKey().equals("__metadata__")) {
          f.getValue()
              .fields()
              .forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
          continue;
        }
        infos.add(parseInfo(path, f.getKey(), f.getValue()));
      }
      validateLayout(path, infos, size - dataStart);
      Map<String, TensorInfo> byName = new LinkedHashMap<>();
      infos.forEach(i -> byName.put(i.name(), i));
      return new SafetensorsFile(
          path,
          channel,
          dataStart,
          Collections.unmodifiableMap(byName),
          Collections.unmodifiableMap(metadata));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static TensorInfo parseInfo(Path path, String name, JsonNode node)
      throws SafetensorsFormatException {
    JsonNode shapeNode = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (!node.hasNonNull("dtype")
        || shapeNode == null
        || !shapeNode.isArray()
        || offsets == null
        || !offsets.isArray()
        || offsets.size() != 2) {
      throw new SafetensorsFormatException(path + ": malformed header entry for " + name);
    }
    SafetensorsDType dtype;
    try {
      dtype = SafetensorsDType.parse(node.get("dtype").asText());
    } catch (IllegalArgumentException e) {
      throw new SafetensorsFormatException(path + ": " + name + ": " + e.getMessage());
    }
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong();
      if (shape[i] < 0) {
        throw new SafetensorsFormatException(path + ": negative dimension in " + name);
      }
    }
    return new TensorInfo(name, dtype, shape, offsets.get(0).asLong(), offsets.get(1).asLong());
  }

  /**
   * As the safetensors library does: tensors tile the data section exactly, with byte sizes
   * matching shapes.
   */
  private static void validateLayout(Path path, List<TensorInfo> infos, long dataBytes)
      throws SafetensorsFormatException {
    List<TensorInfo> sorted = new ArrayList<>(infos);
    sorted.sort(Comparator.comparingLong(TensorInfo::begin));
    long expectedBegin = 0;
    for (TensorInfo info : sorted) {
      if (info.begin() != expectedBegin || info.end() < info.begin()) {
        throw new SafetensorsFormatException(
            path
                + ": tensor "
                + info.name()
                + " has invalid data_offsets ["
                + info.begin()
                + ", "
                + info.end()
                + "]");
      }
      if (info.end() - info.begin() != info.elementCount() * info.dtype().bytes()) {
        throw new SafetensorsFormatException(
            path
                + ": tensor "
                + info.name()
                + " byte size does not match dtype "
                + info.dtype()
                + " and shape "
                + Arrays.toString(info.shape()));
      }
      expectedBegin = info.end();
    }
    if (expectedBegin != dataBytes) {
      throw new SafetensorsFormatException(
          path + ": data section has " + dataBytes + " bytes but tensors cover " + expectedBegin);
    }
  }

  /** The file this reader is open on. */
  public Path path() {
    return path;
  }

  /** The {@code __metadata__} map (string → string). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Header entries by name, in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  @Override
  public Set<String> names() {
    return tensors.keySet();
  }

  @Override
  public long[] shape(String name) {
    return info(name).shape().clone();
  }

  @Override
  public SafetensorsDType dtype(String name) {
    return info(name).dtype();
  }

  /** Header entry of {@code name}. */
  public TensorInfo info(String name) {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new IllegalArgumentException(path + " has no tensor '" + name + "'");
    }
    return info;
  }

  /** Raw little-endian bytes of tensor {@code name}. */
  public ByteBuffer readRaw(String name) throws IOException {
    TensorInfo info = info(name);
    long length = info.end() - info.begin();
    if (length > Integer.MAX_VALUE) {
      throw new IOException(name + " is larger than 2 GiB; not supported by this reader");
    }
    return readFully(channel, dataStart + info.begin(), (int) length)
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public float[] readFloat32(String name) throws IOException {
    TensorInfo info = info(name);
    ByteBuffer raw = readRaw(name);
    int n = Math.toIntExact(info.elementCount());
    float[] out = new float[n];
    switch (info.dtype()) {
      case F32 -> raw.asFloatBuffer().get(out);
      case F64 -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) raw.getDouble(i * 8);
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = HalfPrecision.f16ToFloat(raw.getShort(i * 2));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = HalfPrecision.bf16ToFloat(raw.getShort(i * 2));
        }
      }
      default -> throw new IOException(name + " has non-floating dtype " + info.dtype());
    }
    return out;
  }

  /**
   * Writes {@code tensors} (contiguously, in the given order) with {@code metadata} plus {@code
   * format: pt} to {@code path}. Deterministic: the same input gives the same bytes.
   */
  public static void write(Path path, List<Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    ObjectNode header = JSON.createObjectNode();
    ObjectNode meta = header.putObject("__metadata__");
    meta.put(FORMAT_KEY, FORMAT_PT);
    if (metadata != null) {
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Tensor t : tensors) {
      long count = 1;
      for (long s : t.shape()) {
        count *= s;
      }
      if (count != t.values().length) {
        throw new IllegalArgumentException(
            t.name()
                + ": shape "
                + Arrays.toString(t.shape())
                + " does not hold "
                + t.values().length
                + " values");
      }
      if (!t.storeAs().isFloating() || t.storeAs() == SafetensorsDType.F64) {
        throw new IllegalArgumentException(
            t.name() + ": can store float32 values only as F32, F16 or BF16");
      }
      ObjectNode entry = header.putObject(t.name());
      entry.put("dtype", t.storeAs().name());
      var shape = entry.putArray("shape");
      for (long s : t.shape()) {
        shape.add(s);
      }
      long bytes = count * t.storeAs().bytes();
      var offsets = entry.putArray("data_offsets");
      offsets.add(offset);
      offsets.add(offset + bytes);
      offset += bytes;
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8;
    byte[] headerBytes = Arrays.copyOf(json, padded);
    Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
    try (FileChannel out =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
      prefix.flip();
      writeFully(out, prefix);
      writeFully(out, ByteBuffer.wrap(headerBytes));
      for (Tensor t : tensors) {
        writeFully(out, encode(t));
      }
      out.force(true);
    }
  }

  private static ByteBuffer encode(Tensor t) {
    float[] v = t.values();
    ByteBuffer buf =
        ByteBuffer.allocate(v.length * t.storeAs().bytes()).order(ByteOrder.LITTLE_ENDIAN);
    switch (t.storeAs()) {
      case F32 -> buf.asFloatBuffer().put(v);
      case F16 -> {
        for (float f : v) {
          buf.putShort(HalfPrecision.floatToF16(f));
        }
      }
      case BF16 -> {
        for (float f : v) {
          buf.putShort(HalfPrecision.floatToBf16(f));
        }
      }
      default -> throw new IllegalStateException();
    }
    buf.position(0);
    buf.limit(buf.capacity());
    return buf;
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    long pos = position;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n < 0) {
        throw new SafetensorsFormatException("unexpected end of file at byte " + pos);
      }
      pos += n;
    }
    buf.flip();
    return buf;
  }

  private static void writeFully(FileChannel channel, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
