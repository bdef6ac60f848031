package io.lethe.metrics.closerlook;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.List;

/**
 * closer-look's semantic similarity ({@link MetricIds#CL_COSINE_SIMILARITY}, methods.md §1.7 item
 * 5): per item {@code max(0, cos(emb(generation), emb(reference)))}, averaged. The embeddings come
 * from the sentence-embedding model elsewhere (paraphrase-MiniLM-L6-v2 in the paper); this class is
 * only the math. A zero vector has cosine 0 with anything, as in sklearn's {@code
 * cosine_similarity}, which normalises rows and leaves zero rows at zero.
 */
public final class CosineSimilarity {

  private CosineSimilarity() {}

  /** {@code max(0, cos(a, b))}. */
  public static double clipped(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "embedding dimensions differ: " + a.length + " vs " + b.length);
    }
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    if (normA == 0 || normB == 0) {
      return 0.0;
    }
    return Math.max(0.0, dot / (Math.sqrt(normA) * Math.sqrt(normB)));
  }

  /**
   * Mean clipped cosine over items.
   *
   * @param generations embeddings of the generated texts
   * @param references embeddings of the references, aligned with {@code generations}
   */
  public static MetricValue mean(List<float[]> generations, List<float[]> references) {
    if (generations.size() != references.size()) {
      throw new IllegalArgumentException(
          "generations and references differ in count: "
              + generations.size()
              + " vs "
              + references.size());
    }
    if (generations.isEmpty()) {
      return MetricValue.notComputed(MetricIds.CL_COSINE_SIMILARITY, "no items");
    }
    double sum = 0;
    for (int i = 0; i < generations.size(); i++) {
      sum += clipped(generations.get(i), references.get(i));
    }
    return MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, sum / generations.size());
  }
}
