package io.lethe.ml.bench;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.training.AdamWConfig;
import io.lethe.ml.training.CausalLmTrainer;
import io.lethe.ml.training.LinearWarmupDecaySchedule;
import java.util.List;

/**
 * Records libtorch's autograd profiler over a few {@link TrainStepBenchmark} training steps (same
 * model, batch and optimizer) and writes a Chrome trace, so that the time per op of DJL's step can
 * be compared with PyTorch eager's ({@code benchmarks/pytorch/profile_ops.py}). Not a test.
 *
 * <p>Arguments: {@code traceFile [batch seq vocab steps]} (defaults 16 128 2048 3).
 */
public final class TrainStepProfile {

  private TrainStepProfile() {}

  public static void main(String[] args) {
    String trace = args[0];
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int seq = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int vocab = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
    int steps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    LlamaConfig config = LlamaConfig.tiny(vocab, 1, 2);
    try (LlamaModel model = LlamaModel.initialize(config, 1234, Device.cpu())) {
      List<EncodedExample> data = TrainStepBenchmark.randomBatch(batch, seq, vocab, 99);
      CausalLmTrainer trainer =
          new CausalLmTrainer(
              model, AdamWConfig.defaults(), LinearWarmupDecaySchedule.constant(1e-4), 1.0);
      for (int i = 0; i < 3; i++) {
        trainer.trainStep(List.of(data));
      }
      JniUtils.startProfile(false, true, false);
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        trainer.trainStep(List.of(data));
      }
      double ms = (System.nanoTime() - start) / 1e6 / steps;
      JniUtils.stopProfile(trace);
      System.out.printf(
          "profiled %d steps, %.1f ms/step with the profiler on, %d threads; trace %s%n",
          steps, ms, JniUtils.getNumThreads(), trace);
    }
  }
}
