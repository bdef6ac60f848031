package io.lethe.ml.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where the model runs, as configured by a service ({@code auto|cpu|gpu}): {@code auto} takes the
 * first GPU when DJL's engine sees one and the CPU otherwise, so one image serves both the cpu and
 * gpu Kubernetes overlays.
 */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  /** Parses {@code auto}, {@code cpu} or {@code gpu} (case-insensitive). */
  public static DeviceChoice parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + value + "'", e);
    }
  }

  /**
   * The DJL device; {@code gpu} without a visible GPU fails instead of silently running on the CPU.
   */
  public Device resolve() {
    int gpus = Engine.getInstance().getGpuCount();
    return switch (this) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalStateException(
              "device gpu requested but the PyTorch engine sees no GPU");
        }
        yield Device.gpu();
      }
    };
  }
}
