package io.lethe.stack.results;

import static io.lethe.stack.results.ResultsPlan.Control.HALT;
import static io.lethe.stack.results.ResultsPlan.Control.MIX;
import static io.lethe.stack.results.ResultsPlan.Control.UNCONTROLLED;

import io.lethe.stack.results.ClaimResult.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The qualitative claims of methods.md §7, each a pure function of the collected metrics. Claims
 * about a method's behaviour after the schedule (1–5) read its uncontrolled run at the last step;
 * claim 6 reads the controlled runs; claim 7 the target and retain models; claim 8 the continual
 * sequences ({@link ContinualClaim}). Every criterion is fixed here, before any number is seen, and
 * printed next to the numbers that decided it.
 */
public final class ClaimChecks {

  /** "≈ 0": at most this fraction of the step-0 value is left. */
  static final double COLLAPSE = 0.1;

  /** "≪": at most this fraction of the value it is compared with. */
  static final double MUCH_BELOW = 0.5;

  /** "close to / near finetuned": at least this fraction of the step-0 value. */
  static final double NEAR = 0.9;

  /** "drops": at most this fraction of the step-0 value. */
  static final double DROPS = 0.8;

  /** Significance level of forget quality (a KS p-value): below it the distributions differ. */
  static final double SIGNIFICANT = 0.05;

  /** Increase of a metric between evaluations that still counts as "monotonically decreasing". */
  static final double MONOTONE_TOLERANCE = 0.01;

  /** Baselines of TOFU / the closer-look paper among which NPO+GD should have the highest FQ. */
  static final List<String> FQ_BASELINES = List.of("GA", "GA+GD", "GA+KL", "IDK+GD", "DPO+GD");

  private ClaimChecks() {}

  /** Every claim, in §7's order. */
  public static List<ClaimResult> all(ResultsData d) {
    return List.of(
        gaCollapses(d.run("GA", UNCONTROLLED)),
        regularisationPartlyHelps(
            d.run("GA", UNCONTROLLED),
            d.run("GA+GD", UNCONTROLLED),
            d.run("GA+KL", UNCONTROLLED),
            d.retainModel()),
        npoGentler(d),
        withRetainModelReference(
            meKeepsUtility(
                d.run("ME+GD", UNCONTROLLED), d.run("GA+GD", UNCONTROLLED), d.vocabularySize()),
            "forget ROUGE-L",
            d.retainModel().map(p -> p.metric(Metrics.ROUGE_FORGET)).orElse(Double.NaN)),
        idkApVersusIdkGd(d.run("IDK+AP", UNCONTROLLED), d.run("IDK+GD", UNCONTROLLED)),
        controllable(d),
        metricSanity(d.target(), d.retainModel()),
        ContinualClaim.check(d));
  }

  /** §7.1: GA alone drives MU and retain ROUGE to ≈ 0, forget likelihood collapses, TE drops. */
  static ClaimResult gaCollapses(Optional<RunRecord> ga) {
    List<Check> checks = new ArrayList<>();
    checks.add(fallsTo(ga, Metrics.MU, "GA: model utility", COLLAPSE));
    checks.add(fallsTo(ga, Metrics.ROUGE_RETAIN, "GA: retain ROUGE-L", COLLAPSE));
    checks.add(fallsTo(ga, Metrics.PROB_FORGET, "GA: forget probability (NLL → large)", COLLAPSE));
    checks.add(fallsTo(ga, Metrics.TE_RETAIN, "GA: retain token entropy drops", 1.0));
    checks.add(
        notComputedCheck(
            ga, Metrics.ENTAILMENT_RETAIN, "GA: retain entailment ES ≈ 0 (needs an NLI model)"));
    return new ClaimResult(1, "GA collapses utility", checks);
  }

  /** §7.2: GA+GD / GA+KL keep MU above GA but below finetuned, and still overshoot forgetting. */
  static ClaimResult regularisationPartlyHelps(
      Optional<RunRecord> ga,
      Optional<RunRecord> gaGd,
      Optional<RunRecord> gaKl,
      Optional<RunRecord.Point> retainModel) {
    List<Check> checks = new ArrayList<>();
    double gaMu = ga.map(r -> r.atEnd(Metrics.MU)).orElse(Double.NaN);
    for (int k = 0; k < 2; k++) {
      Optional<RunRecord> run = k == 0 ? gaGd : gaKl;
      String m = k == 0 ? "GA+GD" : "GA+KL";
      double mu = run.map(r -> r.atEnd(Metrics.MU)).orElse(Double.NaN);
      double start = run.map(r -> r.atStart(Metrics.MU)).orElse(Double.NaN);
      checks.add(
          compare(
              m + ": MU at the end above GA's and below its step-0 (finetuned) value",
              mu > gaMu && mu < start,
              "MU %s = %s; GA %s; finetuned %s".formatted(m, f(mu), f(gaMu), f(start)),
              mu,
              gaMu,
              start));
      double p = run.map(r -> r.atEnd(Metrics.PROB_FORGET)).orElse(Double.NaN);
      double retainP = retainModel.map(x -> x.metric(Metrics.PROB_FORGET)).orElse(Double.NaN);
      checks.add(
          compare(
              m + ": forget probability ≤ " + f(MUCH_BELOW) + " × the retain model's",
              p <= MUCH_BELOW * retainP,
              "forget probability %s = %s; retain model %s".formatted(m, f(p), f(retainP)),
              p,
              retainP));
      double fq = run.map(r -> r.atEnd(Metrics.FQ)).orElse(Double.NaN);
      checks.add(
          compare(
              m + ": forget quality far below the retain model's 1 (< " + f(SIGNIFICANT) + ")",
              fq < SIGNIFICANT,
              "FQ %s = %s".formatted(m, e(fq)),
              fq));
    }
    return new ClaimResult(2, "Regularisation only partly helps untargeted GA", checks);
  }

  /** §7.3: NPO+GD keeps more MU than GA+GD and has the highest FQ among the baselines. */
  static ClaimResult npoGentler(ResultsData d) {
    Optional<RunRecord> npo = d.run("NPO+GD", UNCONTROLLED);
    Optional<RunRecord> gaGd = d.run("GA+GD", UNCONTROLLED);
    List<Check> checks = new ArrayList<>();
    double npoMu = npo.map(r -> r.atEnd(Metrics.MU)).orElse(Double.NaN);
    double gaGdMu = gaGd.map(r -> r.atEnd(Metrics.MU)).orElse(Double.NaN);
    checks.add(
        compare(
            "NPO+GD: MU at the end above GA+GD's (equal epochs)",
            npoMu > gaGdMu,
            "MU NPO+GD %s; GA+GD %s".formatted(f(npoMu), f(gaGdMu)),
            npoMu,
            gaGdMu));
    checks.add(slowerAtEveryStep(npo, gaGd));
    StringBuilder numbers = new StringBuilder();
    double npoFq = npo.map(r -> r.atEnd(Metrics.FQ)).orElse(Double.NaN);
    boolean highest = !Double.isNaN(npoFq);
    boolean anyBaseline = false;
    numbers.append("FQ NPO+GD ").append(e(npoFq));
    for (String m : FQ_BASELINES) {
      Optional<RunRecord> r = d.run(m, UNCONTROLLED);
      if (r.isEmpty()) {
        continue;
      }
      double fq = r.get().atEnd(Metrics.FQ);
      numbers.append("; ").append(m).append(' ').append(e(fq));
      if (!Double.isNaN(fq)) {
        anyBaseline = true;
        highest &= npoFq >= fq;
      }
    }
    checks.add(
        new Check(
            "NPO+GD: highest forget quality among the baselines " + FQ_BASELINES,
            Double.isNaN(npoFq) || !anyBaseline
                ? Verdict.NOT_MEASURABLE
                : highest ? Verdict.HELD : Verdict.NOT_HELD,
            numbers.toString()));
    return new ClaimResult(3, "NPO+GD is gentler than GA+GD", checks);
  }

  /**
   * §7.4: ME+GD keeps MU near finetuned and retain generations fluent (unlike GA+GD), forgets
   * (forget ROUGE and probability drop), and becomes uncertain on forget inputs (entropy → ln V).
   */
  static ClaimResult meKeepsUtility(
      Optional<RunRecord> me, Optional<RunRecord> gaGd, int vocabularySize) {
    List<Check> checks = new ArrayList<>();
    checks.add(keeps(me, Metrics.MU, "ME+GD: MU close to finetuned", NEAR));
    checks.add(keeps(me, Metrics.TE_RETAIN, "ME+GD: retain token entropy near finetuned", NEAR));
    double meTe = me.map(r -> r.atEnd(Metrics.TE_RETAIN)).orElse(Double.NaN);
    double gaTe = gaGd.map(r -> r.atEnd(Metrics.TE_RETAIN)).orElse(Double.NaN);
    checks.add(
        compare(
            "ME+GD: retain token entropy above GA+GD's (fluent unlike GA+GD)",
            meTe > gaTe,
            "retain TE ME+GD %s; GA+GD %s".formatted(f(meTe), f(gaTe)),
            meTe,
            gaTe));
    checks.add(fallsTo(me, Metrics.ROUGE_FORGET, "ME+GD: forget ROUGE-L low", MUCH_BELOW));
    checks.add(fallsTo(me, Metrics.PROB_FORGET, "ME+GD: forget probability low", MUCH_BELOW));
    double h0 = me.map(r -> r.atStart(Metrics.PRED_ENTROPY_FORGET)).orElse(Double.NaN);
    double h1 = me.map(r -> r.atEnd(Metrics.PRED_ENTROPY_FORGET)).orElse(Double.NaN);
    double lnV = vocabularySize > 0 ? Math.log(vocabularySize) : Double.NaN;
    checks.add(
        compare(
            "ME+GD: forget predictive entropy rises at least half-way from step 0 to ln V",
            h1 >= h0 + 0.5 * (lnV - h0),
            "entropy %s → %s nats; ln V = %s (V = %d)"
                .formatted(f(h0), f(h1), f(lnV), vocabularySize),
            h0,
            h1,
            lnV));
    checks.add(
        notComputedCheck(me, Metrics.FORGET_EFFICACY, "ME+GD: forget efficacy high (needs NLI)"));
    checks.add(
        keeps(me, Metrics.CS_RETAIN, "ME+GD: retain cosine similarity (CS) near finetuned", NEAR));
    checks.add(
        fallsTo(me, Metrics.CS_FORGET, "ME+GD: forget cosine similarity (CS) low", MUCH_BELOW));
    return new ClaimResult(4, "ME+GD keeps utility", checks);
  }

  /** §7.5: both IDK methods refuse on forget; IDK+GD also on retain; MU(IDK+AP) > MU(IDK+GD). */
  static ClaimResult idkApVersusIdkGd(Optional<RunRecord> ap, Optional<RunRecord> gd) {
    List<Check> checks = new ArrayList<>();
    checks.add(fallsTo(ap, Metrics.ROUGE_FORGET, "IDK+AP: forget ROUGE-L drops", DROPS));
    checks.add(fallsTo(gd, Metrics.ROUGE_FORGET, "IDK+GD: forget ROUGE-L drops", DROPS));
    for (int k = 0; k < 2; k++) {
      Optional<RunRecord> run = k == 0 ? ap : gd;
      String m = k == 0 ? "IDK+AP" : "IDK+GD";
      double refusals = run.map(r -> r.atEnd(Metrics.REFUSAL_FORGET)).orElse(Double.NaN);
      checks.add(
          compare(
              m + ": forget answers are refusals (refusal rate ≥ 0.5)",
              refusals >= 0.5,
              "forget refusal rate %s".formatted(f(refusals)),
              refusals));
    }
    double apRefuse = ap.map(r -> r.atEnd(Metrics.REFUSAL_RETAIN)).orElse(Double.NaN);
    double gdRefuse = gd.map(r -> r.atEnd(Metrics.REFUSAL_RETAIN)).orElse(Double.NaN);
    checks.add(
        compare(
            "retain refusal rate IDK+GD > IDK+AP",
            gdRefuse > apRefuse,
            "retain refusal rate IDK+GD %s; IDK+AP %s".formatted(f(gdRefuse), f(apRefuse)),
            gdRefuse,
            apRefuse));
    checks.add(keeps(ap, Metrics.ROUGE_RETAIN, "IDK+AP: retain ROUGE-L near finetuned", NEAR));
    double apMu = ap.map(r -> r.atEnd(Metrics.MU)).orElse(Double.NaN);
    double gdMu = gd.map(r -> r.atEnd(Metrics.MU)).orElse(Double.NaN);
    checks.add(
        compare(
            "MU(IDK+AP) > MU(IDK+GD)",
            apMu > gdMu,
            "MU IDK+AP %s; IDK+GD %s".formatted(f(apMu), f(gdMu)),
            apMu,
            gdMu));
    return new ClaimResult(5, "IDK+AP vs IDK+GD", checks);
  }

  /**
   * §7.6: along GA, retain-side utility falls monotonically; stopping at the floor (HALT) returns a
   * model that meets it whenever the uncontrolled run crosses it; under model mixing MU and forget
   * ROUGE-L change monotonically in α.
   */
  static ClaimResult controllable(ResultsData d) {
    List<Check> checks = new ArrayList<>();
    Optional<RunRecord> ga = d.run("GA", UNCONTROLLED);
    checks.add(monotoneAlongRun(ga, Metrics.MU, "GA: MU falls monotonically with steps"));
    checks.add(
        monotoneAlongRun(
            ga, Metrics.ES_RETAIN, "GA: retain extraction strength (ES) falls monotonically"));
    checks.add(earlyStoppingRestores(d));
    for (String method : d.methods()) {
      Optional<RunRecord> mix = d.run(method, MIX);
      if (mix.isPresent()) {
        checks.addAll(mixMonotone(mix.get()));
      }
    }
    return new ClaimResult(6, "Excessive unlearning is controllable", checks);
  }

  /** §7.7: finetuned FQ ≪ 0.05, MU(finetuned) ≈ MU(retain model), retain vs itself FQ = 1. */
  static ClaimResult metricSanity(
      Optional<RunRecord.Point> target, Optional<RunRecord.Point> retain) {
    List<Check> checks = new ArrayList<>();
    double fq = target.map(p -> p.metric(Metrics.FQ)).orElse(Double.NaN);
    checks.add(
        compare(
            "finetuned model: FQ vs the retain model < " + f(SIGNIFICANT),
            fq < SIGNIFICANT,
            "FQ %s".formatted(e(fq)),
            fq));
    double muT = target.map(p -> p.metric(Metrics.MU)).orElse(Double.NaN);
    double muR = retain.map(p -> p.metric(Metrics.MU)).orElse(Double.NaN);
    checks.add(
        compare(
            "MU(finetuned) within 10 % of MU(retain model)",
            Math.abs(muT - muR) <= 0.1 * muR,
            "MU finetuned %s; retain model %s".formatted(f(muT), f(muR)),
            muT,
            muR));
    double self = retain.map(p -> p.metric(Metrics.FQ)).orElse(Double.NaN);
    checks.add(
        compare(
            "retain model vs itself: FQ = 1 (≥ 0.99)",
            self >= 0.99,
            "FQ %s".formatted(f(self)),
            self));
    double rouge = target.map(p -> p.metric(Metrics.ROUGE_FORGET)).orElse(Double.NaN);
    checks.add(
        compare(
            "setting: finetuned forget ROUGE-L ≳ 0.9 (the model reproduces the answers)",
            rouge >= 0.9,
            "forget ROUGE-L %s".formatted(f(rouge)),
            rouge));
    return new ClaimResult(7, "Metric sanity", checks);
  }

  /**
   * Adds the retain model's value to the numbers of the checks whose criterion names {@code what}:
   * context for a reader (how low "low" can get on this data without ever seeing the forget
   * authors), not a change of the criterion.
   */
  static ClaimResult withRetainModelReference(ClaimResult c, String what, double retainValue) {
    if (Double.isNaN(retainValue)) {
      return c;
    }
    List<Check> checks = new ArrayList<>();
    for (Check k : c.checks()) {
      checks.add(
          k.criterion().contains(what)
              ? new Check(
                  k.criterion(),
                  k.verdict(),
                  k.numbers()
                      + "; the retain model, which never saw the forget authors: "
                      + f(retainValue))
              : k);
    }
    return new ClaimResult(c.number(), c.title(), checks);
  }

  // ---------------------------------------------------------------------------------------------

  /** The metric at the end is at most {@code fraction} × its step-0 value. */
  static Check fallsTo(Optional<RunRecord> run, String metric, String what, double fraction) {
    double start = run.map(r -> r.atStart(metric)).orElse(Double.NaN);
    double end = run.map(r -> r.atEnd(metric)).orElse(Double.NaN);
    String criterion =
        fraction == 1.0
            ? what + " (end < step 0)"
            : what + " (end ≤ " + pct(fraction) + " of step 0)";
    boolean ok = fraction == 1.0 ? end < start : end <= fraction * start;
    return compare(
        criterion,
        ok,
        "%s → %s (%s of step 0)".formatted(f(start), f(end), pct(end / start)),
        start,
        end);
  }

  /** The metric at the end is at least {@code fraction} × its step-0 value. */
  static Check keeps(Optional<RunRecord> run, String metric, String what, double fraction) {
    double start = run.map(r -> r.atStart(metric)).orElse(Double.NaN);
    double end = run.map(r -> r.atEnd(metric)).orElse(Double.NaN);
    return compare(
        what + " (end ≥ " + pct(fraction) + " of step 0)",
        end >= fraction * start,
        "%s → %s (%s of step 0)".formatted(f(start), f(end), pct(end / start)),
        start,
        end);
  }

  /** Whether the metric was computed at the end of the run (held only when it was). */
  static Check notComputedCheck(Optional<RunRecord> run, String metric, String what) {
    double end = run.map(r -> r.atEnd(metric)).orElse(Double.NaN);
    if (Double.isNaN(end)) {
      String why = run.flatMap(r -> r.notComputedReason(metric)).orElse("not reported");
      return new Check(what, Verdict.NOT_MEASURABLE, metric + " not computed: " + why);
    }
    return new Check(what, Verdict.NOT_MEASURABLE, metric + " = " + f(end) + " (no criterion)");
  }

  /**
   * At every evaluated step after 0 both runs have, MU of {@code gentler} ≥ MU of {@code other}.
   */
  static Check slowerAtEveryStep(Optional<RunRecord> gentler, Optional<RunRecord> other) {
    if (gentler.isEmpty() || other.isEmpty()) {
      return new Check(
          "NPO+GD: MU ≥ GA+GD's at every evaluated step (slower divergence)",
          Verdict.NOT_MEASURABLE,
          "run missing");
    }
    StringBuilder numbers = new StringBuilder();
    boolean ok = true;
    int compared = 0;
    for (RunRecord.Point p : gentler.get().trajectory()) {
      if (p.step() == 0) {
        continue;
      }
      Optional<RunRecord.Point> q =
          other.get().trajectory().stream().filter(x -> x.step() == p.step()).findFirst();
      if (q.isEmpty()
          || Double.isNaN(p.metric(Metrics.MU))
          || Double.isNaN(q.get().metric(Metrics.MU))) {
        continue;
      }
      compared++;
      ok &= p.metric(Metrics.MU) >= q.get().metric(Metrics.MU);
      numbers
          .append(numbers.length() == 0 ? "" : "; ")
          .append("step ")
          .append(p.step())
          .append(' ')
          .append(f(p.metric(Metrics.MU)))
          .append(" vs ")
          .append(f(q.get().metric(Metrics.MU)));
    }
    return new Check(
        "NPO+GD: MU ≥ GA+GD's at every evaluated step (slower divergence)",
        compared == 0 ? Verdict.NOT_MEASURABLE : ok ? Verdict.HELD : Verdict.NOT_HELD,
        compared == 0 ? "no common evaluated step" : numbers.toString());
  }

  /** The metric never rises by more than the tolerance from one evaluation to the next. */
  static Check monotoneAlongRun(Optional<RunRecord> run, String metric, String what) {
    List<Double> values = new ArrayList<>();
    List<Integer> steps = new ArrayList<>();
    run.ifPresent(
        r ->
            r.trajectory()
                .forEach(
                    p -> {
                      if (!Double.isNaN(p.metric(metric))) {
                        values.add(p.metric(metric));
                        steps.add(p.step());
                      }
                    }));
    String criterion = what + " (no rise > " + f(MONOTONE_TOLERANCE) + ")";
    if (values.size() < 2) {
      String why =
          run.flatMap(r -> r.notComputedReason(metric))
              .map(x -> metric + " not computed: " + x)
              .orElse("fewer than two evaluations");
      return new Check(criterion, Verdict.NOT_MEASURABLE, why);
    }
    StringBuilder numbers = new StringBuilder();
    int rises = 0;
    for (int i = 0; i < values.size(); i++) {
      numbers.append(i == 0 ? "" : ", ").append(steps.get(i)).append(": ").append(f(values.get(i)));
      if (i > 0 && values.get(i) > values.get(i - 1) + MONOTONE_TOLERANCE) {
        rises++;
      }
    }
    numbers.append(" (").append(rises).append(" rises)");
    return new Check(criterion, rises == 0 ? Verdict.HELD : Verdict.NOT_HELD, numbers.toString());
  }

  /**
   * For every method whose uncontrolled run ends below the floor, the HALT run's result meets its
   * floor.
   */
  static Check earlyStoppingRestores(ResultsData d) {
    StringBuilder numbers = new StringBuilder();
    boolean ok = true;
    int crossing = 0;
    for (String method : d.methods()) {
      Optional<RunRecord> free = d.run(method, UNCONTROLLED);
      Optional<RunRecord> halt = d.run(method, HALT);
      if (free.isEmpty() || halt.isEmpty()) {
        continue;
      }
      double floor = (1 - ResultsPlan.CONTROLLED_DROP) * free.get().atStart(Metrics.MU);
      double freeEnd = free.get().atEnd(Metrics.MU);
      if (!(freeEnd < floor)) {
        continue;
      }
      crossing++;
      double result = halt.get().atResult(Metrics.MU);
      double haltFloor = halt.get().floor(Metrics.MU);
      ok &= result >= haltFloor;
      numbers
          .append(numbers.length() == 0 ? "" : "; ")
          .append(method)
          .append(" uncontrolled ")
          .append(f(freeEnd))
          .append(", halted result ")
          .append(f(result))
          .append(" (step ")
          .append(halt.get().resultStep())
          .append(") vs floor ")
          .append(f(haltFloor));
    }
    return new Check(
        "early stopping at the floor (HALT) returns MU ≥ floor for every method whose uncontrolled"
            + " run ends below it",
        crossing == 0 ? Verdict.NOT_MEASURABLE : ok ? Verdict.HELD : Verdict.NOT_HELD,
        crossing == 0 ? "no uncontrolled run ended below the floor" : numbers.toString());
  }

  /**
   * Under MIX, MU is non-increasing and forget ROUGE-L non-increasing in α (α = 0 the start, α = 1
   * the breaching checkpoint, tolerance {@link #MONOTONE_TOLERANCE}), and the result meets the
   * floor.
   */
  static List<Check> mixMonotone(RunRecord mix) {
    List<Check> checks = new ArrayList<>();
    List<double[]> byAlpha = new ArrayList<>(); // {alpha, mu, forget rouge}
    mix.baseline()
        .ifPresent(
            p ->
                byAlpha.add(
                    new double[] {0, p.metric(Metrics.MU), p.metric(Metrics.ROUGE_FORGET)}));
    for (RunRecord.Point p : mix.mixes()) {
      byAlpha.add(
          new double[] {p.mixAlpha(), p.metric(Metrics.MU), p.metric(Metrics.ROUGE_FORGET)});
    }
    Optional<Integer> breach =
        mix.decisions().stream()
            .filter(m -> "MIX".equals(m.decision()))
            .map(RunRecord.Mark::step)
            .findFirst();
    breach
        .flatMap(s -> mix.trajectory().stream().filter(p -> p.step() == s).findFirst())
        .ifPresent(
            p ->
                byAlpha.add(
                    new double[] {1, p.metric(Metrics.MU), p.metric(Metrics.ROUGE_FORGET)}));
    byAlpha.sort((a, b) -> Double.compare(a[0], b[0]));
    String name = mix.method() + " mix";
    if (mix.mixes().isEmpty()) {
      checks.add(
          new Check(
              name + ": MU and forget ROUGE-L monotone in α",
              Verdict.NOT_MEASURABLE,
              "no floor crossing, so no mixed model (" + mix.decisionSummary() + ")"));
      return checks;
    }
    for (int k : new int[] {1, 2}) {
      String metric = k == 1 ? "MU" : "forget ROUGE-L";
      StringBuilder numbers = new StringBuilder();
      int rises = 0;
      for (int i = 0; i < byAlpha.size(); i++) {
        numbers
            .append(i == 0 ? "" : ", ")
            .append("α ")
            .append(String.format(Locale.ROOT, "%.3f", byAlpha.get(i)[0]))
            .append(": ")
            .append(f(byAlpha.get(i)[k]));
        if (i > 0 && byAlpha.get(i)[k] > byAlpha.get(i - 1)[k] + MONOTONE_TOLERANCE) {
          rises++;
        }
      }
      numbers.append(" (").append(rises).append(" rises)");
      checks.add(
          new Check(
              name
                  + ": "
                  + metric
                  + " non-increasing in α (tolerance "
                  + f(MONOTONE_TOLERANCE)
                  + ")",
              rises == 0 ? Verdict.HELD : Verdict.NOT_HELD,
              numbers.toString()));
    }
    double result = mix.atResult(Metrics.MU);
    double floor = mix.floor(Metrics.MU);
    checks.add(
        compare(
            name + ": the mixed result meets the floor",
            result >= floor,
            "MU %s at α %s vs floor %s"
                .formatted(
                    f(result),
                    mix.resultAlpha() == null
                        ? "-"
                        : String.format(Locale.ROOT, "%.4f", mix.resultAlpha()),
                    f(floor)),
            result,
            floor));
    return checks;
  }

  /** A check that is not measurable when any of {@code inputs} is NaN. */
  static Check compare(String criterion, boolean ok, String numbers, double... inputs) {
    for (double x : inputs) {
      if (Double.isNaN(x)) {
        return new Check(criterion, Verdict.NOT_MEASURABLE, numbers + " (a value is missing)");
      }
    }
    return new Check(criterion, ok ? Verdict.HELD : Verdict.NOT_HELD, numbers);
  }

  /** Three decimals, or n/a. */
  static String f(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** Scientific notation for p-values, or n/a. */
  static String e(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2e", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) || Double.isInfinite(v)
        ? "n/a"
        : String.format(Locale.ROOT, "%.0f %%", 100 * v);
  }
}
