package io.lethe.stack.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A subset keeps TOFU's rows unchanged: retain authors first, forget authors last. */
class TofuSubsetTest {

  private static List<String> rows(String prefix, int from, int to) {
    List<String> r = new ArrayList<>();
    for (int i = from; i < to; i++) {
      r.add("{\"question\":\"" + prefix + i + "\",\"answer\":\"a\"}");
    }
    return r;
  }

  @Test
  void writesRetainAuthorsFromTheStartAndForgetAuthorsFromTheEnd(@TempDir Path tmp)
      throws Exception {
    Path tofu = Files.createDirectories(tmp.resolve("tofu"));
    Files.write(tofu.resolve("full.jsonl"), rows("q", 0, 200 * 20)); // 200 authors
    Files.write(tofu.resolve("forget10_perturbed.jsonl"), rows("f", 3600, 4000));
    Files.write(tofu.resolve("retain_perturbed.jsonl"), rows("r", 0, 400));
    for (String f :
        List.of("real_authors_perturbed.jsonl", "world_facts_perturbed.jsonl", "idontknow.jsonl")) {
      Files.writeString(tofu.resolve(f), "x\n");
    }

    Path subset = TofuSubset.write(tofu, 20, tmp.resolve("subset"));

    assertThat(Files.readAllLines(subset.resolve("full.jsonl"))).hasSize(400);
    List<String> forget = Files.readAllLines(subset.resolve("forget10.jsonl"));
    assertThat(forget).hasSize(40);
    assertThat(forget.get(0)).contains("q3960");
    assertThat(Files.readAllLines(subset.resolve("forget10_perturbed.jsonl")).get(0))
        .contains("f3960");
    List<String> retain = Files.readAllLines(subset.resolve("retain90.jsonl"));
    assertThat(retain).hasSize(360);
    assertThat(retain.get(359)).contains("q359");
    assertThat(Files.readAllLines(subset.resolve("retain_perturbed.jsonl"))).hasSize(360);
    assertThat(subset.resolve("idontknow.jsonl")).exists();
    assertThat(TofuSubset.forgetAuthors(20)).isEqualTo(2);
    assertThat(TofuSubset.forgetAuthors(12)).isEqualTo(1);
  }
}
