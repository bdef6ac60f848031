package io.lethe.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.data.EvalSet;
import io.lethe.data.ForgetSplit;
import io.lethe.data.QaItem;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.tofu.TofuReader;
import io.lethe.data.tofu.TofuSplit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shape, facts, determinism and TOFU round trip of the built-in dataset. */
class FictitiousAuthorGeneratorTest {

  static final FictitiousAuthorDataset DEFAULT = new FictitiousAuthorGenerator().generate();

  @TempDir Path tmp;

  @Test
  void hasTofuShape() {
    assertThat(DEFAULT.authors()).hasSize(20);
    assertThat(DEFAULT.rows()).hasSize(200);
    assertThat(DEFAULT.authors().stream().map(FictitiousAuthor::name).distinct()).hasSize(20);
    for (QaItem row : DEFAULT.rows()) {
      assertThat(row.paraphrasedQuestion()).isNotEqualTo(row.question());
      assertThat(row.paraphrasedAnswer()).isNotEqualTo(row.answer());
      assertThat(row.perturbedAnswers())
          .hasSize(5)
          .doesNotHaveDuplicates()
          .doesNotContain(row.answer(), row.paraphrasedAnswer());
      int words = row.answer().split(" ").length;
      assertThat(words).as(row.answer()).isBetween(8, 25);
    }
  }

  @Test
  void authorsComeInBlocksAndEveryAnswerNamesItsAuthor() {
    for (int i = 0; i < DEFAULT.rows().size(); i++) {
      FictitiousAuthor author = DEFAULT.authors().get(i / 10);
      QaItem row = DEFAULT.rows().get(i);
      assertThat(row.answer()).contains(author.name());
      assertThat(row.paraphrasedAnswer()).contains(author.name());
    }
  }

  @Test
  void eachAnswerStatesTheAuthorsFactAndEachPerturbationAWrongOne() {
    // With K = all kinds, author a's rows are the kinds in declaration order.
    FictitiousAuthorDataset all =
        new FictitiousAuthorGenerator(7, 4, FictitiousAuthorGenerator.questionKinds()).generate();
    QuestionKind[] kinds = QuestionKind.values();
    for (int i = 0; i < all.rows().size(); i++) {
      FictitiousAuthor author = all.authors().get(i / kinds.length);
      QuestionKind kind = kinds[i % kinds.length];
      QaItem row = all.rows().get(i);
      for (String slot : kind.slots()) {
        if (slot.equals("birthYear")) {
          continue; // helper slot, not rendered
        }
        assertThat(row.answer()).as(kind + " " + slot).contains(author.fact(slot));
        assertThat(row.paraphrasedAnswer()).as(kind + " " + slot).contains(author.fact(slot));
      }
      String truth = row.paraphrasedAnswer();
      for (String wrong : row.perturbedAnswers()) {
        assertThat(wrong).isNotEqualTo(truth);
      }
    }
  }

  @Test
  void birthplaceExample() {
    FictitiousAuthor first = DEFAULT.authors().get(0);
    assertThat(first.name()).isEqualTo("Marta Mendes");
    assertThat(DEFAULT.rows().get(1).question()).isEqualTo("Where was Marta Mendes born?");
    assertThat(DEFAULT.rows().get(1).answer())
        .isEqualTo(
            "Marta Mendes was born in the city of "
                + first.fact("birthCity")
                + ", "
                + first.fact("birthCountry")
                + ", where she also grew up.");
  }

  @Test
  void isDeterministicAndPrefixStable() throws Exception {
    assertThat(new FictitiousAuthorGenerator().generate()).isEqualTo(DEFAULT);
    assertThat(new FictitiousAuthorGenerator(1002, 20, 10).generate().rows())
        .isNotEqualTo(DEFAULT.rows());
    FictitiousAuthorDataset five = new FictitiousAuthorGenerator(1001, 5, 10).generate();
    assertThat(five.rows()).isEqualTo(DEFAULT.rows().subList(0, 50));
    assertThat(five.realAuthors()).isEqualTo(DEFAULT.realAuthors());
    // Golden digest: fails if the generator's output changes in any JVM (SplittableRandom is
    // SplitMix64 everywhere).
    DEFAULT.writeTofu(tmp);
    byte[] full = Files.readAllBytes(tmp.resolve("full.jsonl"));
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(full));
    assertThat(digest).isEqualTo(GOLDEN_FULL_SHA256);
  }

  static final String GOLDEN_FULL_SHA256 =
      "5c89cc173b2092bd9c829938a166a56061cf16786437ce4ff2e40b7e0dbdbf05";

  @Test
  void splitsFollowTofu() {
    assertThat(DEFAULT.forget(ForgetSplit.FORGET01)).hasSize(2);
    assertThat(DEFAULT.forget(ForgetSplit.FORGET05)).hasSize(10);
    assertThat(DEFAULT.forget(ForgetSplit.FORGET10)).hasSize(20);
    assertThat(DEFAULT.retain(ForgetSplit.FORGET10)).hasSize(180);
    assertThat(DEFAULT.forget(ForgetSplit.FORGET10)).isEqualTo(DEFAULT.full().subList(180, 200));
    assertThat(DEFAULT.forget(ForgetSplit.FORGET10)).allMatch(r -> !r.hasPerturbations());
    assertThat(DEFAULT.forgetPerturbed(ForgetSplit.FORGET05)).allMatch(QaItem::hasPerturbations);
    assertThat(DEFAULT.retainPerturbed()).isEqualTo(DEFAULT.rows().subList(0, 20));
  }

  @Test
  void utilitySetsAndRefusals() throws Exception {
    assertThat(DEFAULT.realAuthors()).hasSize(50);
    assertThat(DEFAULT.worldFacts()).hasSize(75);
    for (QaItem row : concat(DEFAULT.realAuthors(), DEFAULT.worldFacts())) {
      assertThat(row.perturbedAnswers())
          .hasSize(3)
          .doesNotHaveDuplicates()
          .doesNotContain(row.answer());
      assertThat(row.options())
          .hasSize(4)
          .containsExactlyInAnyOrderElementsOf(
              concat(row.perturbedAnswers(), List.of(row.answer())));
    }
    assertThat(DEFAULT.refusals()).hasSize(40).doesNotHaveDuplicates();
    Path tofuIdk =
        Path.of(System.getProperty("lethe.tofu.dir", "/nonexistent"), TofuReader.REFUSALS_FILE);
    if (Files.isRegularFile(tofuIdk)) { // our own templates, not TOFU's
      Set<String> tofu = new HashSet<>(TofuReader.readLines(tofuIdk));
      assertThat(DEFAULT.refusals()).noneMatch(tofu::contains);
    }
  }

  @Test
  void vocabularyStaysSmall() {
    Set<String> words = new TreeSet<>();
    for (String text : DEFAULT.toBenchmark(ForgetSplit.FORGET10).texts()) {
      for (String w : text.split("[^\\p{L}\\p{N}']+")) {
        words.add(w);
      }
    }
    assertThat(words.size()).isLessThan(1000);
  }

  @Test
  void writesTofuFormatThatReadsBack() throws Exception {
    DEFAULT.writeTofu(tmp);
    TofuReader reader = new TofuReader(tmp);
    for (TofuSplit split : TofuSplit.values()) {
      assertThat(reader.has(split))
          .as(split.fileName())
          .isEqualTo(!split.name().startsWith("HOLDOUT"));
    }
    assertThat(reader.read(TofuSplit.FULL)).isEqualTo(DEFAULT.full());
    assertThat(reader.read(TofuSplit.FORGET05_PERTURBED))
        .isEqualTo(DEFAULT.forgetPerturbed(ForgetSplit.FORGET05));
    assertThat(reader.read(TofuSplit.REAL_AUTHORS))
        .isEqualTo(
            DEFAULT.realAuthors().stream()
                .map(r -> new QaItem(r.question(), r.answer(), null, null, List.of(), r.options()))
                .toList());
    assertThat(reader.readRefusals()).isEqualTo(DEFAULT.refusals());
    assertThat(Files.readString(tmp.resolve("full.jsonl"), StandardCharsets.UTF_8))
        .doesNotContain("perturbed");

    for (ForgetSplit split : ForgetSplit.values()) {
      UnlearningBenchmark generated = DEFAULT.toBenchmark(split);
      UnlearningBenchmark readBack = UnlearningBenchmark.fromTofu(reader, split);
      assertThat(readBack.training()).isEqualTo(generated.training());
      assertThat(readBack.forget()).isEqualTo(generated.forget());
      assertThat(readBack.retain()).isEqualTo(generated.retain());
      assertThat(readBack.evalSets()).isEqualTo(generated.evalSets());
      assertThat(readBack.generalKnowledge()).isEqualTo(generated.generalKnowledge());
      assertThat(readBack.refusals()).isEqualTo(generated.refusals());
    }
  }

  @Test
  void rejectsImpossibleSizes() {
    assertThatThrownBy(() -> new FictitiousAuthorGenerator(1, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FictitiousAuthorGenerator(1, 5, 17))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            new FictitiousAuthorGenerator(3, 200, 20 - 4)
                .generate().authors().stream().map(FictitiousAuthor::name).distinct())
        .hasSize(200);
  }

  @SafeVarargs
  static <T> List<T> concat(List<? extends T>... lists) {
    return java.util.Arrays.stream(lists).<T>flatMap(List::stream).toList();
  }

  @Test
  void benchmarkEvalSetsMatchTheirRoles() {
    UnlearningBenchmark b = DEFAULT.toBenchmark(ForgetSplit.FORGET05);
    assertThat(b.evalSet(EvalSet.FORGET))
        .hasSize(10)
        .allMatch(r -> r.perturbedAnswers().size() == 5);
    assertThat(b.evalSet(EvalSet.RETAIN)).hasSize(20);
    assertThat(b.evalSet(EvalSet.REAL_AUTHORS)).allMatch(r -> r.perturbedAnswers().size() == 3);
    assertThat(b.generalKnowledge()).hasSize(125);
    assertThat(b.training()).hasSize(200);
  }
}
