package io.lethe.ml.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint split over several safetensors files by a {@code model.safetensors.index.json}
 * ({@code {"metadata": {...}, "weight_map": {name: shard file}}}), as transformers writes models
 * above its shard size; shards are opened lazily and kept open until {@link #close}.
 */
public final class ShardedSafetensors implements TensorSource {

  /** Index file name written by {@code save_pretrained}. */
  public static final String INDEX_FILE = "model.safetensors.index.json";

  private final Path directory;
  private final Map<String, String> weightMap;
  private final Map<String, SafetensorsFile> openShards = new LinkedHashMap<>();

  private ShardedSafetensors(Path directory, Map<String, String> weightMap) {
    this.directory = directory;
    this.weightMap = weightMap;
  }

  /** Reads the index at {@code indexFile}; shard files are resolved next to it. */
  public static ShardedSafetensors open(Path indexFile) throws IOException {
    JsonNode index = new ObjectMapper().readTree(indexFile.toFile());
    JsonNode map = index == null ? null : index.get("weight_map");
    if (map == null || !map.isObject()) {
      throw new SafetensorsFormatException(indexFile + ": no weight_map object");
    }
    Map<String, String> weightMap = new LinkedHashMap<>();
    map.fields().forEachRemaining(e -> weightMap.put(e.getKey(), e.getValue().asText()));
    Path dir = indexFile.toAbsolutePath().getParent();
    for (String shard : Set.copyOf(weightMap.values())) {
      Path shardPath = dir.resolve(shard).normalize();
      if (!shardPath.startsWith(dir) || !Files.isRegularFile(shardPath)) {
        throw new SafetensorsFormatException(indexFile + ": shard " + shard + " is missing");
      }
    }
    return new ShardedSafetensors(dir, Collections.unmodifiableMap(weightMap));
  }

  /**
   * The tensors of an HF model directory: {@code model.safetensors} if present, else the sharded
   * index.
   */
  public static TensorSource openDirectory(Path dir) throws IOException {
    Path single = dir.resolve("model.safetensors");
    if (Files.isRegularFile(single)) {
      return SafetensorsFile.open(single);
    }
    Path index = dir.resolve(INDEX_FILE);
    if (Files.isRegularFile(index)) {
      return open(index);
    }
    throw new IOException(dir + " holds neither model.safetensors nor " + INDEX_FILE);
  }

  private SafetensorsFile shardOf(String name) throws IOException {
    String shard = weightMap.get(name);
    if (shard == null) {
      throw new IllegalArgumentException("index has no tensor '" + name + "'");
    }
    SafetensorsFile file = openShards.get(shard);
    if (file == null) {
      file = SafetensorsFile.open(directory.resolve(shard));
      openShards.put(shard, file);
    }
    if (!file.names().contains(name)) {
      throw new SafetensorsFormatException(
          shard + " lacks tensor " + name + " that the index maps to it");
    }
    return file;
  }

  @Override
  public Set<String> names() {
    return weightMap.keySet();
  }

  @Override
  public long[] shape(String name) {
    try {
      return shardOf(name).shape(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public SafetensorsDType dtype(String name) {
    try {
      return shardOf(name).dtype(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public float[] readFloat32(String name) throws IOException {
    return shardOf(name).readFloat32(name);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (SafetensorsFile f : openShards.values()) {
      try {
        f.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    openShards.clear();
    if (first != null) {
      throw first;
    }
  }
}
