package io.lethe.trainer.training;

import io.lethe.data.QaItem;
import io.lethe.data.QaPair;
import io.lethe.data.UnlearningBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows a FINETUNE job learns: the target model ({@code trainOn = full}) learns TOFU's {@code
 * full}, the retain reference model ({@code retain}) only {@code retainYY} so it never sees the
 * forget set (forget quality compares against it, methods.md §3.1; for a continual task, the rows
 * before that task's block, see {@code io.lethe.data.ForgetTask}) — and both also learn the
 * benchmark's general-knowledge rows, so that the real-author and world-fact utility sets measure
 * knowledge the model actually has (a pretrained model would bring it; a model from scratch must be
 * taught it).
 */
public final class TrainingRows {

  /** {@code trainOn} of the target model (default). */
  public static final String FULL = "full";

  /** {@code trainOn} of the retain reference model. */
  public static final String RETAIN = "retain";

  private TrainingRows() {}

  /** The FINETUNE rows of {@code benchmark} for {@code trainOn} ({@code null} = full). */
  public static List<QaPair> finetune(UnlearningBenchmark benchmark, String trainOn) {
    List<QaItem> base =
        switch (normalise(trainOn)) {
          case FULL -> benchmark.training();
          case RETAIN -> benchmark.retain();
          default ->
              throw new IllegalArgumentException(
                  "trainOn must be full or retain, got '" + trainOn + "'");
        };
    List<QaPair> rows = new ArrayList<>(base.size() + benchmark.generalKnowledge().size());
    base.forEach(row -> rows.add(row.pair()));
    benchmark.generalKnowledge().forEach(row -> rows.add(row.pair()));
    return rows;
  }

  /** {@code full} or {@code retain}, or the input lower-cased when it is neither. */
  public static String normalise(String trainOn) {
    return trainOn == null ? FULL : trainOn.trim().toLowerCase(Locale.ROOT);
  }
}
