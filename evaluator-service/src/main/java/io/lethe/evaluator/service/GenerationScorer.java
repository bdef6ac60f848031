package io.lethe.evaluator.service;

import io.lethe.evaluator.EvaluationSets;
import io.lethe.evaluator.inference.NliClassifier;
import io.lethe.evaluator.inference.SentenceEmbedder;
import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import io.lethe.metrics.closerlook.CosineSimilarity;
import io.lethe.metrics.closerlook.EntailmentScore;
import io.lethe.metrics.closerlook.NliLabel;
import io.lethe.metrics.closerlook.NliPair;
import io.lethe.metrics.closerlook.TokenEntropy;
import io.lethe.metrics.control.RefusalDetector;
import io.lethe.metrics.text.RougeL;
import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.schemas.domain.GenerationItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores one evaluation set from its greedy generations (methods.md §1.7 items 1, 4–6, §3.4 and the
 * refusal rate of §7.5). The reference of cosine similarity and entailment is the gold answer on
 * forget / retain and the job's step-0 answer ({@code original_answer}) on real authors / world
 * facts.
 */
public final class GenerationScorer {

  private final RougeL rouge = RougeL.tofu();
  private final SentenceEmbedder embedder;
  private final NliClassifier nli;
  private final RefusalDetector refusals;

  /** A scorer over the given models. */
  public GenerationScorer(SentenceEmbedder embedder, NliClassifier nli, RefusalDetector refusals) {
    this.embedder = embedder;
    this.nli = nli;
    this.refusals = refusals;
  }

  /** Every generation-based metric of {@code items} (sorted by index) of {@code set}. */
  public GeneratedSetScores score(
      TofuEvalSet set, List<GenerationItem> items, OriginalAnswers originals) {
    String missingGeneration = missingGeneration(items);
    if (missingGeneration != null) {
      return allNotComputed(missingGeneration);
    }
    List<String> generations = items.stream().map(GenerationItem::generated).toList();

    double[] rougePerItem = null;
    MetricValue rougeL;
    String missingGold = missingGold(items);
    if (missingGold != null) {
      rougeL = MetricValue.notComputed(MetricIds.TOFU_ROUGE_L_RECALL, missingGold);
    } else {
      rougePerItem = new double[items.size()];
      for (int i = 0; i < rougePerItem.length; i++) {
        rougePerItem[i] = rouge.recall(items.get(i).goldAnswer(), generations.get(i));
      }
      rougeL =
          rouge.meanRecall(items.stream().map(GenerationItem::goldAnswer).toList(), generations);
    }

    References references = references(set, items, originals);
    double[] cosinePerItem = null;
    MetricValue cosine;
    Optional<String> embedderDown = embedder.unavailableReason();
    if (embedderDown.isPresent()) {
      cosine = MetricValue.notComputed(MetricIds.CL_COSINE_SIMILARITY, embedderDown.get());
    } else if (references.missingReason() != null) {
      cosine = MetricValue.notComputed(MetricIds.CL_COSINE_SIMILARITY, references.missingReason());
    } else {
      List<String> texts = new ArrayList<>(generations);
      texts.addAll(references.texts());
      List<float[]> vectors = embedder.embed(texts);
      List<float[]> generated = vectors.subList(0, items.size());
      List<float[]> reference = vectors.subList(items.size(), vectors.size());
      cosinePerItem = new double[items.size()];
      for (int i = 0; i < cosinePerItem.length; i++) {
        cosinePerItem[i] = CosineSimilarity.clipped(generated.get(i), reference.get(i));
      }
      cosine = CosineSimilarity.mean(generated, reference);
    }

    return new GeneratedSetScores(
        rougeL,
        rougePerItem,
        tokenEntropy(items),
        cosine,
        cosinePerItem,
        entailment(set, generations, references, rougePerItem, missingGold),
        refusals.rate(generations));
  }

  private MetricValue entailment(
      TofuEvalSet set,
      List<String> generations,
      References references,
      double[] rougePerItem,
      String missingGold) {
    Optional<String> nliDown = nli.unavailableReason();
    if (nliDown.isPresent()) {
      return MetricValue.notComputed(MetricIds.CL_ENTAILMENT, nliDown.get());
    }
    if (references.missingReason() != null) {
      return MetricValue.notComputed(MetricIds.CL_ENTAILMENT, references.missingReason());
    }
    if (rougePerItem == null) {
      return MetricValue.notComputed(
          MetricIds.CL_ENTAILMENT, "the ROUGE gate needs the gold answers: " + missingGold);
    }
    List<NliPair> pairs = new ArrayList<>(generations.size());
    for (int i = 0; i < generations.size(); i++) {
      pairs.add(NliPair.forTofu(set, generations.get(i), references.texts().get(i)));
    }
    List<NliLabel> labels = nli.classify(pairs);
    return EntailmentScore.score(labels, rougePerItem);
  }

  /**
   * Token entropy over the generated token ids (each id stands for its sub-word piece: unigram
   * frequencies over ids and over pieces are the same).
   */
  private static MetricValue tokenEntropy(List<GenerationItem> items) {
    List<List<String>> pieces = new ArrayList<>(items.size());
    for (GenerationItem item : items) {
      if (item.generatedTokenIds() == null) {
        return MetricValue.notComputed(
            MetricIds.CL_TOKEN_ENTROPY, "item " + item.index() + " has no generated token ids");
      }
      pieces.add(item.generatedTokenIds().stream().map(String::valueOf).toList());
    }
    return TokenEntropy.mean(pieces);
  }

  private static References references(
      TofuEvalSet set, List<GenerationItem> items, OriginalAnswers originals) {
    if (set.isForget() || set == TofuEvalSet.RETAIN) {
      String missingGold = missingGold(items);
      return missingGold != null
          ? new References(null, missingGold)
          : new References(items.stream().map(GenerationItem::goldAnswer).toList(), null);
    }
    String wire = EvaluationSets.wireName(set);
    if (originals.answers().isEmpty()) {
      return new References(
          null,
          "no step-0 generations of job "
              + originals.jobId()
              + ": on "
              + wire
              + " the reference is the pre-unlearning model's answer (closer-look's"
              + " original_answer), taken from the job's step-0 full evaluation");
    }
    List<String> texts = new ArrayList<>(items.size());
    for (GenerationItem item : items) {
      Optional<String> original = originals.answer(wire, item.index(), item.question());
      if (original.isEmpty()) {
        return new References(
            null,
            "no step-0 answer of job "
                + originals.jobId()
                + " to "
                + wire
                + " item "
                + item.index()
                + " (same question)");
      }
      texts.add(original.get());
    }
    return new References(texts, null);
  }

  private static String missingGeneration(List<GenerationItem> items) {
    for (GenerationItem item : items) {
      if (item.generated() == null) {
        return "item " + item.index() + " has no generated text";
      }
    }
    return null;
  }

  private static String missingGold(List<GenerationItem> items) {
    for (GenerationItem item : items) {
      if (item.goldAnswer() == null) {
        return "item " + item.index() + " has no gold answer text";
      }
    }
    return null;
  }

  private static GeneratedSetScores allNotComputed(String reason) {
    return new GeneratedSetScores(
        MetricValue.notComputed(MetricIds.TOFU_ROUGE_L_RECALL, reason),
        null,
        MetricValue.notComputed(MetricIds.CL_TOKEN_ENTROPY, reason),
        MetricValue.notComputed(MetricIds.CL_COSINE_SIMILARITY, reason),
        null,
        MetricValue.notComputed(MetricIds.CL_ENTAILMENT, reason),
        MetricValue.notComputed(MetricIds.LETHE_REFUSAL_RATE, reason));
  }

  /**
   * The references of a set, or why they are missing.
   *
   * @param texts one reference per item; null when missing
   * @param missingReason why they are missing; null when present
   */
  private record References(List<String> texts, String missingReason) {}
}
