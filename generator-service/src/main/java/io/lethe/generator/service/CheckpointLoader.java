package io.lethe.generator.service;

import ai.djl.Device;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.generator.service.CheckpointRejectedException.Reason;
import io.lethe.ml.checkpoint.CheckpointIntegrityException;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.Lineage;
import io.lethe.ml.checkpoint.LoadedCheckpoint;
import io.lethe.ml.checkpoint.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Loads checkpoints of the store for evaluation: resolves their URIs inside the checkpoint root,
 * verifies the SHA-256 of the weights against the published one (a mismatch is never evaluated),
 * and keeps the last few models in memory by hash, since the shards of one evaluation — and the
 * retain model at every step of a job — need the same weights again and again.
 *
 * <p>Models are handed out as {@link Lease}s: a model evicted from the cache while a shard still
 * uses it is closed when that lease is released, never under the user's feet. Thread-safe; loads
 * are serialised (one copy of each model, and on one device a second concurrent load would only
 * compete for the same memory).
 */
public final class CheckpointLoader implements AutoCloseable {

  /** Lineage hyperparameter naming the checkpoint's prompt template family. */
  public static final String PROMPT_TEMPLATE_KEY = "promptTemplate";

  private static final Logger LOG = Logger.getLogger(CheckpointLoader.class);
  private static final int VERIFIED_FILES_REMEMBERED = 64;

  private final Path root;
  private final Device device;
  private final int capacity;
  private final LinkedHashMap<String, Entry> models = new LinkedHashMap<>(8, 0.75f, true);
  private final Map<FileIdentity, String> verifiedHashes =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<FileIdentity, String> eldest) {
          return size() > VERIFIED_FILES_REMEMBERED;
        }
      };
  private long loads;

  /**
   * A loader.
   *
   * @param root the checkpoint store's root; URIs must point inside it
   * @param device where loaded models live
   * @param capacity models kept loaded (≥ 1)
   */
  public CheckpointLoader(Path root, Device device, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be ≥ 1");
    }
    this.root = root;
    this.device = device;
    this.capacity = capacity;
  }

  /** The checkpoint store's root. */
  public Path root() {
    return root;
  }

  /** The device models are loaded on. */
  public Device device() {
    return device;
  }

  /**
   * Checks, without loading the weights, that the checkpoint at {@code uri} can be evaluated: its
   * weights hash to {@code expectedSha256} (or to its lineage's hash when that is {@code null}),
   * and config, tokenizer and prompt template are there. The hash of an unchanged file (same path,
   * size and modification time) is remembered, so a retain model named by every checkpoint event of
   * a job is hashed once.
   *
   * @return the verified SHA-256
   * @throws CheckpointRejectedException if the checkpoint must not or cannot be evaluated
   */
  public String verify(String uri, String expectedSha256) {
    Path directory = resolve(uri);
    try {
      requireComplete(directory);
      Lineage lineage = CheckpointStore.readLineage(directory);
      templateOf(lineage);
      String actual = hashOf(directory.resolve(CheckpointStore.WEIGHTS_FILE));
      String expected = expectedSha256 != null ? expectedSha256 : lineageHash(lineage);
      if (expected != null && !expected.equalsIgnoreCase(actual)) {
        throw new CheckpointRejectedException(
            Reason.INTEGRITY,
            "refusing checkpoint "
                + uri
                + ": its weights have SHA-256 "
                + actual
                + " but the event says "
                + expected
                + " (corrupted, truncated or not the referenced checkpoint)",
            null);
      }
      return actual;
    } catch (IOException | RuntimeException e) {
      throw rejection(uri, e);
    }
  }

  /**
   * The model at {@code uri} with weights {@code sha256}, from the cache or loaded (and verified)
   * now. Close the lease when done with the model.
   *
   * @throws CheckpointRejectedException if the weights do not match or cannot be loaded
   */
  public Lease acquire(String uri, String sha256) {
    if (sha256 == null || sha256.isBlank()) {
      throw new IllegalArgumentException("a model is acquired by its verified SHA-256");
    }
    String key = sha256.toLowerCase(Locale.ROOT);
    synchronized (this) {
      Entry entry = models.get(key);
      if (entry == null) {
        entry = new Entry(load(uri, key));
        models.put(key, entry);
        evictBeyondCapacity();
      }
      entry.users++;
      return new Lease(entry);
    }
  }

  /** Models currently in the cache. */
  public synchronized int cachedModels() {
    return models.size();
  }

  /** Models loaded from disk since start (cache misses). */
  public synchronized long loads() {
    return loads;
  }

  /** Closes every cached model that no lease holds (the others close when released). */
  @Override
  public synchronized void close() {
    for (Entry entry : models.values()) {
      entry.evicted = true;
      entry.closeIfUnused();
    }
    models.clear();
  }

  private LoadedModel load(String uri, String sha256) {
    Path directory = resolve(uri);
    long started = System.nanoTime();
    LoadedCheckpoint checkpoint;
    try {
      requireComplete(directory);
      checkpoint = CheckpointStore.load(directory, sha256, device);
    } catch (IOException | RuntimeException e) {
      throw rejection(uri, e);
    }
    try {
      PromptTemplate template = templateOf(checkpoint.checkpoint().lineage());
      Path tokenizerJson = checkpoint.tokenizerJson();
      LoadedModel model =
          new LoadedModel(
              checkpoint.checkpoint().modelSha256(),
              checkpoint.model(),
              HfTextTokenizer.load(tokenizerJson),
              template,
              SpecialTokenIds.read(tokenizerJson));
      loads++;
      LOG.infof(
          "loaded checkpoint %s (%s, %,d parameters, template %s) on %s in %d ms",
          directory,
          abbreviate(sha256),
          model.model().parameterCount(),
          template.family(),
          device,
          (System.nanoTime() - started) / 1_000_000);
      return model;
    } catch (IOException | RuntimeException e) {
      checkpoint.close();
      throw rejection(uri, e);
    }
  }

  private void evictBeyondCapacity() {
    Iterator<Map.Entry<String, Entry>> eldestFirst = models.entrySet().iterator();
    while (models.size() > capacity && eldestFirst.hasNext()) {
      Map.Entry<String, Entry> eldest = eldestFirst.next();
      eldestFirst.remove();
      eldest.getValue().evicted = true;
      eldest.getValue().closeIfUnused();
      LOG.debugf("evicted model %s from the cache", abbreviate(eldest.getKey()));
    }
  }

  private Path resolve(String uri) {
    try {
      return CheckpointPaths.resolve(root, uri);
    } catch (IllegalArgumentException e) {
      throw new CheckpointRejectedException(Reason.UNREADABLE, e.getMessage(), e);
    }
  }

  private String hashOf(Path weights) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(weights, BasicFileAttributes.class);
    FileIdentity identity =
        new FileIdentity(weights, attributes.size(), attributes.lastModifiedTime().toMillis());
    synchronized (verifiedHashes) {
      String known = verifiedHashes.get(identity);
      if (known != null) {
        return known;
      }
    }
    String actual = Sha256.of(weights);
    synchronized (verifiedHashes) {
      verifiedHashes.put(identity, actual);
    }
    return actual;
  }

  private static void requireComplete(Path directory) throws IOException {
    for (String file :
        new String[] {
          CheckpointStore.CONFIG_FILE, CheckpointStore.WEIGHTS_FILE, CheckpointStore.TOKENIZER_FILE
        }) {
      if (!Files.isRegularFile(directory.resolve(file))) {
        throw new IOException("checkpoint " + directory + " has no " + file);
      }
    }
  }

  /**
   * The checkpoint's prompt template: the lineage's {@code promptTemplate} hyperparameter, {@code
   * lethe} when absent (Lethe's own models; a plain HF directory has no lineage).
   */
  static PromptTemplate templateOf(Lineage lineage) {
    Object family = lineage == null ? null : lineage.hyperparameters().get(PROMPT_TEMPLATE_KEY);
    return family == null ? PromptTemplate.LETHE : PromptTemplate.forFamily(family.toString());
  }

  private static String lineageHash(Lineage lineage) {
    return lineage == null ? null : lineage.modelSha256();
  }

  private static CheckpointRejectedException rejection(String uri, Exception e) {
    if (e instanceof CheckpointRejectedException rejected) {
      return rejected;
    }
    if (e instanceof CheckpointIntegrityException integrity) {
      return new CheckpointRejectedException(Reason.INTEGRITY, integrity.getMessage(), integrity);
    }
    return new CheckpointRejectedException(
        Reason.UNREADABLE, "cannot evaluate checkpoint " + uri + ": " + e.getMessage(), e);
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  /** A file as last hashed: a change of size or modification time means it must be hashed again. */
  private record FileIdentity(Path path, long size, long modifiedMillis) {}

  /** A cached model and how many leases hold it. */
  private static final class Entry {
    private final LoadedModel model;
    private int users;
    private boolean evicted;
    private boolean closed;

    Entry(LoadedModel model) {
      this.model = model;
    }

    void closeIfUnused() {
      if (evicted && users == 0 && !closed) {
        closed = true;
        model.close();
      }
    }
  }

  /** A model in use; closing the lease releases it (and closes it if it was evicted meanwhile). */
  public final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean released;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    /** The leased model. */
    public LoadedModel model() {
      return entry.model;
    }

    @Override
    public void close() {
      synchronized (CheckpointLoader.this) {
        if (!released) {
          released = true;
          entry.users--;
          entry.closeIfUnused();
        }
      }
    }
  }
}
