package io.lethe.data.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.data.ForgetSplit;
import io.lethe.data.QaPair;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.synthetic.FictitiousAuthorGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** methods.md §1.2: the five slots, their ranges and their determinism. */
class ForgetItemSamplerTest {

  static List<QaPair> pairs(String prefix, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new QaPair(prefix + "Q" + i, prefix + "A" + i))
        .toList();
  }

  static final List<QaPair> FORGET = pairs("f", 40);
  static final List<QaPair> RETAIN = pairs("r", 7);
  static final List<String> IDK = List.of("I don't know.", "No idea.", "  Not sure.  ");

  @Test
  void slotsAreBuiltFromTheDrawnPartnerAndTemplate() {
    ForgetItemSampler sampler = new ForgetItemSampler(FORGET, RETAIN, IDK);
    assertThat(sampler.size()).isEqualTo(40);
    for (int idx = 0; idx < sampler.size(); idx++) {
      ForgetSample s = sampler.sample(idx);
      int r = s.retainIndex();
      String idk = IDK.get(s.refusalIndex()).strip();
      assertThat(s.index()).isEqualTo(idx);
      assertThat(s.slots())
          .containsExactly(
              FORGET.get(idx),
              RETAIN.get(r),
              new QaPair(FORGET.get(idx).question(), idk),
              new QaPair(RETAIN.get(r).question(), idk),
              new QaPair(FORGET.get(idx).question(), RETAIN.get(r).answer()));
    }
  }

  @Test
  void drawsStayInRangeAndCoverThem() {
    ForgetItemSampler sampler = new ForgetItemSampler(FORGET, RETAIN, IDK);
    Set<Integer> partners = new HashSet<>();
    Set<Integer> templates = new HashSet<>();
    for (int idx = 0; idx < sampler.size(); idx++) {
      ForgetSample s = sampler.sample(idx);
      assertThat(s.retainIndex()).isBetween(0, RETAIN.size() - 1);
      assertThat(s.refusalIndex()).isBetween(0, IDK.size() - 1);
      partners.add(s.retainIndex());
      templates.add(s.refusalIndex());
    }
    assertThat(partners).hasSize(RETAIN.size());
    assertThat(templates).hasSize(IDK.size());
  }

  @Test
  void deterministicPerIndexWhateverTheOrder() {
    ForgetItemSampler a = new ForgetItemSampler(FORGET, RETAIN, IDK);
    ForgetItemSampler b = new ForgetItemSampler(FORGET, RETAIN, IDK);
    List<ForgetSample> forward = IntStream.range(0, 40).mapToObj(a::sample).toList();
    List<ForgetSample> backward = new ArrayList<>();
    for (int idx = 39; idx >= 0; idx--) {
      backward.add(0, b.sample(idx));
    }
    assertThat(backward).isEqualTo(forward);
    // Golden values: fail if the seeded RNG ever changes (runs must be replayable across JVMs).
    assertThat(IntStream.range(0, 6).map(i -> a.sample(i).retainIndex()).toArray())
        .containsExactly(GOLDEN_PARTNERS);
    assertThat(IntStream.range(0, 6).map(i -> a.sample(i).refusalIndex()).toArray())
        .containsExactly(GOLDEN_TEMPLATES);
  }

  static final int[] GOLDEN_PARTNERS = {6, 6, 3, 0, 2, 6};
  static final int[] GOLDEN_TEMPLATES = {1, 0, 0, 0, 2, 2};

  @Test
  void samplerOfTheGeneratedBenchmark() {
    UnlearningBenchmark b =
        new FictitiousAuthorGenerator().generate().toBenchmark(ForgetSplit.FORGET10);
    ForgetItemSampler sampler = ForgetItemSampler.forBenchmark(b);
    assertThat(sampler.size()).isEqualTo(20);
    ForgetSample s = sampler.sample(19);
    assertThat(s.forget()).isEqualTo(b.forget().get(19).pair());
    assertThat(s.retain()).isEqualTo(b.retain().get(s.retainIndex()).pair());
    assertThat(s.forgetIdk().answer()).isEqualTo(b.refusals().get(s.refusalIndex()));
  }

  @Test
  void singleRetainItemIsAlwaysThePartner() {
    ForgetItemSampler sampler = new ForgetItemSampler(FORGET, pairs("r", 1), IDK);
    assertThat(IntStream.range(0, 40).map(i -> sampler.sample(i).retainIndex())).containsOnly(0);
    assertThatThrownBy(() -> sampler.sample(40)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new ForgetItemSampler(FORGET, List.of(), IDK))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
