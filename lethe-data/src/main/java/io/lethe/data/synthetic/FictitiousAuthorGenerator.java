package io.lethe.data.synthetic;

import io.lethe.data.QaItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Lethe's default dataset: a seeded, TOFU-shaped world of fictitious authors that exists nowhere
 * else, so a model can only know it from fine-tuning — which makes "forgetting" measurable — while
 * staying small enough for a tiny model on a CPU.
 *
 * <p>Shape (as TOFU, methods.md §3.1): N authors × K questions in author blocks of consecutive
 * rows; each row has a question, a one-sentence answer stating one fact, a paraphrased question and
 * answer, and 5 perturbed answers (the paraphrased answer with wrong facts of the same type).
 * Forget/retain splits take the last 1/5/10 % of rows; two utility sets of general knowledge and
 * our own refusal templates complete it (see {@link FictitiousAuthorDataset}).
 *
 * <p>Determinism: only {@link SplittableRandom} seeded from {@code seed} is used (its SplitMix64
 * algorithm is fixed, so the output is identical across JVMs). Author i draws from the i-th split
 * stream, so the first authors do not change when N grows; the utility sets come from a separate
 * stream and do not depend on N or K.
 */
public final class FictitiousAuthorGenerator {

  /** Default seed (the seed of the closer-look runs, methods.md §1.4). */
  public static final long DEFAULT_SEED = 1001;

  /** Default number of authors. */
  public static final int DEFAULT_AUTHORS = 20;

  /** Default number of questions per author. */
  public static final int DEFAULT_QUESTIONS_PER_AUTHOR = 10;

  /** Perturbed (wrong) answers per row, as in TOFU's author splits. */
  public static final int PERTURBED_PER_ITEM = 5;

  /**
   * Upper bound on N: 20 first names × 40 last names per gender, so distinct names exist for any
   * gender mix of up to 800 authors.
   */
  public static final int MAX_AUTHORS = 800;

  private static final int MAX_ATTEMPTS = 10_000;

  private final long seed;
  private final int authors;
  private final int questionsPerAuthor;

  /**
   * A generator with {@link #DEFAULT_SEED}, {@link #DEFAULT_AUTHORS} and {@link
   * #DEFAULT_QUESTIONS_PER_AUTHOR}.
   */
  public FictitiousAuthorGenerator() {
    this(DEFAULT_SEED, DEFAULT_AUTHORS, DEFAULT_QUESTIONS_PER_AUTHOR);
  }

  /**
   * @param seed the only source of randomness
   * @param authors number of authors N (1..{@link #MAX_AUTHORS})
   * @param questionsPerAuthor questions per author K (1..{@link #questionKinds()})
   */
  public FictitiousAuthorGenerator(long seed, int authors, int questionsPerAuthor) {
    if (authors < 1 || authors > MAX_AUTHORS) {
      throw new IllegalArgumentException("authors must be in 1.." + MAX_AUTHORS);
    }
    if (questionsPerAuthor < 1 || questionsPerAuthor > questionKinds()) {
      throw new IllegalArgumentException("questionsPerAuthor must be in 1.." + questionKinds());
    }
    this.seed = seed;
    this.authors = authors;
    this.questionsPerAuthor = questionsPerAuthor;
  }

  /** Number of distinct question kinds, the upper bound of K. */
  public static int questionKinds() {
    return QuestionKind.values().length;
  }

  /** Generates the dataset. */
  public FictitiousAuthorDataset generate() {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom authorStreams = root.split();
    SplittableRandom generalStream = root.split();
    List<FictitiousAuthor> people = new ArrayList<>(authors);
    List<QaItem> rows = new ArrayList<>(authors * questionsPerAuthor);
    Set<String> usedNames = new HashSet<>();
    for (int i = 0; i < authors; i++) {
      SplittableRandom rng = authorStreams.split();
      FictitiousAuthor author = drawAuthor(i, rng, usedNames);
      people.add(author);
      List<QuestionKind> kinds =
          new ArrayList<>(Draws.shuffled(List.of(QuestionKind.values()), rng))
              .subList(0, questionsPerAuthor);
      kinds.sort(Comparator.naturalOrder());
      for (QuestionKind kind : kinds) {
        rows.add(row(kind, author, rng));
      }
    }
    return new FictitiousAuthorDataset(
        seed,
        people,
        rows,
        GeneralKnowledge.realAuthors(generalStream.split()),
        GeneralKnowledge.worldFacts(generalStream.split()),
        RefusalTemplates.ALL);
  }

  private static FictitiousAuthor drawAuthor(int index, SplittableRandom rng, Set<String> used) {
    boolean female = rng.nextBoolean();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("he", female ? "she" : "he");
    facts.put("his", female ? "her" : "his");
    for (QuestionKind kind : QuestionKind.values()) {
      Map<String, String> drawn = kind.draw(rng, facts);
      if (kind == QuestionKind.FULL_NAME) {
        for (int attempt = 0; used.contains(drawn.get("name")); attempt++) {
          if (attempt > MAX_ATTEMPTS) {
            throw new IllegalStateException("ran out of distinct author names");
          }
          drawn = kind.draw(rng, facts);
        }
        used.add(drawn.get("name"));
      }
      facts.putAll(drawn);
    }
    return new FictitiousAuthor(index, female, facts);
  }

  private static QaItem row(QuestionKind kind, FictitiousAuthor author, SplittableRandom rng) {
    Map<String, String> facts = author.facts();
    String paraphrasedAnswer = QuestionKind.render(kind.paraphrasedAnswer, facts);
    Set<String> seen = new LinkedHashSet<>();
    seen.add(paraphrasedAnswer);
    List<String> perturbed = new ArrayList<>(PERTURBED_PER_ITEM);
    for (int attempt = 0; perturbed.size() < PERTURBED_PER_ITEM; attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new IllegalStateException("cannot draw enough wrong answers for " + kind);
      }
      Map<String, String> wrong = new LinkedHashMap<>(facts);
      wrong.putAll(kind.draw(rng, facts));
      String candidate = QuestionKind.render(kind.paraphrasedAnswer, wrong);
      if (seen.add(candidate)) {
        perturbed.add(candidate);
      }
    }
    return new QaItem(
        QuestionKind.render(kind.question, facts),
        QuestionKind.render(kind.answer, facts),
        QuestionKind.render(kind.paraphrasedQuestion, facts),
        paraphrasedAnswer,
        perturbed,
        List.of());
  }
}
