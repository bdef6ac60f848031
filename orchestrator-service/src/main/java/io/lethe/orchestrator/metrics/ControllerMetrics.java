package io.lethe.orchestrator.metrics;

import io.lethe.orchestrator.control.ControlDecision;
import io.lethe.orchestrator.control.Controller;
import io.lethe.schemas.domain.Decision;
import io.lethe.schemas.domain.EvaluationKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controller as Prometheus sees it: decisions by type, and — for the latest decision that
 * measured a floor — the observed value and the floor it is held to ({@code
 * lethe.job.utility{metric}} vs {@code lethe.job.utility.floor{metric}}) — and how much the model
 * has forgotten at the latest decided evaluation ({@code lethe.job.forget{metric}}). Job ids are
 * never tags (unbounded); per-job detail is in the API and the {@code control-decisions} topic.
 */
// eager: the decision counters exist (at zero) from start-up, before the first decision
@Startup
@ApplicationScoped
public class ControllerMetrics {

  /**
   * The forget-side metrics exported as {@code lethe.job.forget{metric}}: a fixed list, so the tag
   * stays bounded whatever an evaluation carries. Forget efficacy itself ({@code
   * cl.forget_efficacy@1}) appears only when it is computed (it needs an NLI model); the others are
   * its ingredients and TOFU's forget quality.
   */
  static final List<String> FORGET_METRICS =
      List.of(
          "cl.forget_efficacy@1",
          "tofu.forget_quality@1",
          "tofu.rougeL_recall@1/forget",
          "tofu.probability@1/forget",
          "tofu.truth_ratio@1/forget",
          "uwc.extraction_strength@1/forget",
          "lethe.refusal_rate@1/forget");

  private final MeterRegistry registry;
  private final Map<String, AtomicReference<Double>> forgetting = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<Double>> floors = new ConcurrentHashMap<>();

  public ControllerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Decision d : Decision.values()) {
      counter(d);
    }
  }

  /** Counts {@code decision} and updates the utility-vs-floor gauges from its observed values. */
  public void record(ControlDecision decision) {
    counter(decision.decision()).increment();
    decision
        .observed()
        .forEach(
            (key, value) -> {
              if (key.startsWith(Controller.FLOOR) && value != null) {
                String metric = key.substring(Controller.FLOOR.length());
                gauge(floors, "lethe.job.utility.floor", metric).set(value);
                Double observed = decision.observed().get(metric);
                if (observed != null) {
                  gauge(values, "lethe.job.utility", metric).set(observed);
                }
              }
            });
  }

  /**
   * Records the control loop's latency: from a checkpoint's event (written by the trainer) to the
   * controller's decision on its {@code kind} evaluation — generation, scoring, assembly, metrics
   * and every Kafka hop in between, queueing behind other jobs' evaluations included.
   */
  public void recordLatency(EvaluationKind kind, Duration latency) {
    if (latency.isNegative()) {
      return; // clocks of two hosts disagree: a negative latency says nothing
    }
    Timer.builder("lethe.controller.decision.latency")
        .description("checkpoint event → controller decision on its evaluation")
        .tag("kind", kind == null ? "unknown" : kind.name().toLowerCase())
        .register(registry)
        .record(latency);
  }

  /**
   * Updates {@code lethe.job.forget{metric}} from an evaluation the controller is about to decide
   * on ({@code computed}: metric id → value, only metrics that were computed).
   */
  public void recordForgetting(Map<String, Double> computed) {
    for (String metric : FORGET_METRICS) {
      Double value = computed.get(metric);
      if (value != null) {
        gauge(forgetting, "lethe.job.forget", metric).set(value);
      }
    }
  }

  private io.micrometer.core.instrument.Counter counter(Decision d) {
    return registry.counter("lethe.controller.decisions", "decision", d.name().toLowerCase());
  }

  private AtomicReference<Double> gauge(
      Map<String, AtomicReference<Double>> holders, String name, String metric) {
    return holders.computeIfAbsent(
        metric,
        m -> {
          AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
          Gauge.builder(name, holder, h -> h.get()).tag("metric", m).register(registry);
          return holder;
        });
  }
}
