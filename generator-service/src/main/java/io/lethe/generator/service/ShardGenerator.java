package io.lethe.generator.service;

import io.lethe.data.EvalSet;
import io.lethe.data.QaItem;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.ml.inference.Generation;
import io.lethe.ml.inference.GenerationConfig;
import io.lethe.ml.inference.Generator;
import io.lethe.ml.inference.Scorer;
import io.lethe.ml.inference.SequenceScore;
import io.lethe.schemas.domain.AnswerScore;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Runs one shard on one model: everything the evaluator's metrics need of each item (methods.md
 * §1.7, §2.5, §3.4).
 *
 * <ul>
 *   <li>Teacher-forced scores (§0.2 encoding, L = 200, §0.3 {@code get_batch_loss}): summed NLL S
 *       and count n (answer tokens + the EOS target) of the gold answer, of the paraphrased answer
 *       on sets that have one (forget, retain; real authors and world facts use the gold answer as
 *       truth-ratio base, so they get none), and of every perturbed answer — all asked with the
 *       item's question.
 *   <li>Per gold-answer position without the EOS target: whether the teacher-forced argmax is the
 *       gold token (extraction strength, exact memorization) and the predictive entropy, averaged.
 *   <li>FULL only: greedy generation, at most {@code min(200, max positions)} tokens including the
 *       prompt (TOFU's {@code max_length=200} on a left-padded batch: the budget is 200 minus the
 *       longest prompt of the batch), stopping at EOS; text decoded without special tokens, and the
 *       token ids without special ids.
 * </ul>
 *
 * Inference only: the scorer and generator keep every tensor in a sub-manager per batch.
 */
public final class ShardGenerator {

  /** L of evaluation examples and TOFU's generation {@code max_length}. */
  public static final int MAX_LENGTH = ExampleEncoder.EVAL_MAX_LENGTH;

  private final LoadedModel model;
  private final int batchSize;
  private final ExampleEncoder encoder;

  /** A generator over {@code model} that runs at most {@code batchSize} sequences at once. */
  public ShardGenerator(LoadedModel model, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be ≥ 1");
    }
    this.model = model;
    this.batchSize = batchSize;
    this.encoder = new ExampleEncoder(model.tokenizer(), model.template());
  }

  /** Scores (and for FULL, generates) every item of a shard of {@code set}. */
  public ShardResult generate(EvalSet set, List<EvalItem> items, EvaluationKind kind) {
    if (kind != EvaluationKind.PROBE && kind != EvaluationKind.FULL) {
      throw new IllegalArgumentException("kind " + kind + " is not evaluated");
    }
    long scoringStarted = System.nanoTime();
    ScoringLayout layout = new ScoringLayout(set, items);
    List<SequenceScore> scores = scoreInLengthOrder(layout.examples);
    long scoringNanos = System.nanoTime() - scoringStarted;
    long scoredTokens = scores.stream().mapToLong(SequenceScore::tokenCount).sum();

    long generationStarted = System.nanoTime();
    List<int[]> generated = kind == EvaluationKind.FULL ? generateAnswers(items) : null;
    long generationNanos = kind == EvaluationKind.FULL ? System.nanoTime() - generationStarted : 0;
    long generatedTokens = 0;

    List<GenerationItem> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      QaItem row = items.get(i).row();
      SequenceScore gold = scores.get(layout.gold[i]);
      int answerPositions = gold.tokenCount() - (layout.hasEosTarget(layout.gold[i]) ? 1 : 0);
      AnswerScore paraphrased =
          layout.paraphrased[i] < 0 ? null : answerScore(scores.get(layout.paraphrased[i]));
      List<AnswerScore> perturbed = new ArrayList<>(layout.perturbedCount[i]);
      for (int j = 0; j < layout.perturbedCount[i]; j++) {
        perturbed.add(answerScore(scores.get(layout.perturbedFrom[i] + j)));
      }
      String text = null;
      List<Integer> tokenIds = null;
      if (generated != null) {
        int[] ids = generated.get(i);
        generatedTokens += ids.length;
        tokenIds = Arrays.stream(ids).boxed().toList();
        text = model.tokenizer().decode(ids, true);
      }
      out.add(
          new GenerationItem(
              items.get(i).index(),
              row.question(),
              row.answer(),
              text,
              tokenIds,
              answerScore(gold),
              paraphrased,
              perturbed,
              argmaxMatches(gold, answerPositions),
              meanEntropy(gold, answerPositions)));
    }
    return new ShardResult(
        out, generatedTokens, generationNanos, scores.size(), scoredTokens, scoringNanos);
  }

  /**
   * Scores examples longest first: the scorer trims each batch to its longest sequence, so batching
   * sequences of similar length wastes the least compute on padding. Results come back in input
   * order.
   */
  private List<SequenceScore> scoreInLengthOrder(List<EncodedExample> examples) {
    int[] order =
        IntStream.range(0, examples.size())
            .boxed()
            .sorted(Comparator.comparingInt((Integer i) -> -realLength(examples.get(i))))
            .mapToInt(Integer::intValue)
            .toArray();
    List<EncodedExample> sorted = new ArrayList<>(order.length);
    for (int i : order) {
      sorted.add(examples.get(i));
    }
    List<SequenceScore> sortedScores = new Scorer(model.model(), batchSize).score(sorted);
    SequenceScore[] inOrder = new SequenceScore[order.length];
    for (int k = 0; k < order.length; k++) {
      inOrder[order[k]] = sortedScores.get(k);
    }
    return Arrays.asList(inOrder);
  }

  /**
   * Greedy answers of every item, in item order. Prompts are batched by length (least left
   * padding); each batch gets the TOFU budget {@code maxLength − longest prompt}.
   */
  private List<int[]> generateAnswers(List<EvalItem> items) {
    List<int[]> prompts = new ArrayList<>(items.size());
    for (EvalItem item : items) {
      prompts.add(encoder.generationPromptIds(item.row().question()));
    }
    int[] order =
        IntStream.range(0, prompts.size())
            .boxed()
            .sorted(Comparator.comparingInt((Integer i) -> prompts.get(i).length))
            .mapToInt(Integer::intValue)
            .toArray();
    int maxLength = Math.min(MAX_LENGTH, model.model().config().maxPositionEmbeddings());
    Set<Integer> eos = new HashSet<>(model.model().config().eosTokenIds());
    eos.add(model.tokenizer().eosId());
    Generator generator = new Generator(model.model());
    int[][] answers = new int[prompts.size()][];
    for (int from = 0; from < order.length; from += batchSize) {
      int to = Math.min(order.length, from + batchSize);
      List<int[]> batch = new ArrayList<>(to - from);
      int longest = 0;
      for (int k = from; k < to; k++) {
        int[] prompt = prompts.get(order[k]);
        batch.add(prompt);
        longest = Math.max(longest, prompt.length);
      }
      int budget = Math.max(0, maxLength - longest);
      List<Generation> generations =
          generator.generate(batch, GenerationConfig.greedy(budget).withEosIds(eos));
      for (int k = from; k < to; k++) {
        answers[order[k]] = withoutSpecialTokens(generations.get(k - from).tokens());
      }
    }
    return Arrays.asList(answers);
  }

  private int[] withoutSpecialTokens(int[] tokens) {
    return Arrays.stream(tokens).filter(t -> !model.specialIds().contains(t)).toArray();
  }

  private static AnswerScore answerScore(SequenceScore score) {
    return new AnswerScore(score.summedNll(), score.tokenCount());
  }

  /**
   * Whether the teacher-forced argmax equals the gold token at each answer position, the EOS target
   * excluded (open-unlearning's extraction strength: "last label/EOS excluded").
   */
  private static List<Boolean> argmaxMatches(SequenceScore gold, int answerPositions) {
    List<Boolean> matches = new ArrayList<>(answerPositions);
    for (int t = 0; t < answerPositions; t++) {
      matches.add(gold.predictedIds()[t] == gold.targetIds()[t]);
    }
    return matches;
  }

  /**
   * Mean predictive entropy (nats) of the distributions that scored the gold answer tokens (EOS
   * target excluded, like the argmax matches); null for an item without answer tokens.
   */
  private static Double meanEntropy(SequenceScore gold, int answerPositions) {
    if (answerPositions <= 0) {
      return null;
    }
    double sum = 0;
    for (int t = 0; t < answerPositions; t++) {
      sum += gold.tokenEntropies()[t];
    }
    return sum / answerPositions;
  }

  private static int realLength(EncodedExample example) {
    int n = 0;
    for (int m : example.attentionMask()) {
      n += m;
    }
    return n;
  }

  /**
   * The encoded answers of a shard and where each item's scores sit: gold, paraphrased (or −1) and
   * a run of perturbed answers.
   */
  private final class ScoringLayout {
    private final List<EncodedExample> examples = new ArrayList<>();
    private final int[] gold;
    private final int[] paraphrased;
    private final int[] perturbedFrom;
    private final int[] perturbedCount;

    ScoringLayout(EvalSet set, List<EvalItem> items) {
      int n = items.size();
      gold = new int[n];
      paraphrased = new int[n];
      perturbedFrom = new int[n];
      perturbedCount = new int[n];
      for (int i = 0; i < n; i++) {
        QaItem row = items.get(i).row();
        gold[i] = add(row.question(), row.answer());
        paraphrased[i] =
            set.usesParaphrase() && row.paraphrasedAnswer() != null
                ? add(row.question(), row.paraphrasedAnswer())
                : -1;
        perturbedFrom[i] = examples.size();
        perturbedCount[i] = row.perturbedAnswers().size();
        for (String wrong : row.perturbedAnswers()) {
          add(row.question(), wrong);
        }
      }
    }

    private int add(String question, String answer) {
      examples.add(encoder.encode(question, answer, MAX_LENGTH, true));
      return examples.size() - 1;
    }

    /**
     * §0.2 appends the one EOS target only when the text is shorter than L (a truncated example has
     * none).
     */
    boolean hasEosTarget(int example) {
      EncodedExample e = examples.get(example);
      return realLength(e) < e.length();
    }
  }
}
