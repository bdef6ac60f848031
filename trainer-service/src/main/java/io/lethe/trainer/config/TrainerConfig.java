package io.lethe.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Domain settings of the trainer ({@code lethe.trainer.*}). */
@ConfigMapping(prefix = "lethe.trainer")
public interface TrainerConfig {

  /**
   * Root of the checkpoint store the trainer writes and the generator reads (a local folder, or a
   * volume shared by both). application.properties binds it to {@code lethe.checkpoint.root}, set
   * by the environment variable {@code LETHE_CHECKPOINT_ROOT}.
   */
  @WithDefault("lethe-state/checkpoints")
  Path checkpointRoot();

  /**
   * Where models train: {@code auto} (the first GPU if PyTorch sees one, else the CPU), {@code
   * cpu}, or {@code gpu} (fail instead of silently training on cores).
   */
  @WithDefault("auto")
  String device();

  /**
   * PyTorch intra-op threads used for training; 0 keeps PyTorch's default (one per core). A micro
   * model gains nothing from more than one, and on a machine shared with other work one thread
   * avoids threads waiting on each other.
   */
  @WithDefault("0")
  int pytorchThreads();

  /**
   * How long to wait for the broker to acknowledge a checkpoint or failure event before the command
   * is retried (it is not acknowledged until its event is).
   */
  @WithDefault("60S")
  Duration publishTimeout();
}
