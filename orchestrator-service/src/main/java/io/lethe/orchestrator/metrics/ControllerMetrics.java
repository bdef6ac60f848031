package io.lethe.orchestrator.metrics;

import io.lethe.orchestrator.control.ControlDecision;
import io.lethe.orchestrator.control.Controller;
import io.lethe.schemas.domain.Decision;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controller as Prometheus sees it: decisions by type, and — for the latest decision that
 * measured a floor — the observed value and the floor it is held to ({@code
 * lethe.job.utility{metric}} vs {@code lethe.job.utility.floor{metric}}). Job ids are never tags
 * (unbounded); per-job detail is in the API and the {@code control-decisions} topic.
 */
// eager: the decision counters exist (at zero) from start-up, before the first decision
@Startup
@ApplicationScoped
public class ControllerMetrics {

  private final MeterRegistry registry;
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
