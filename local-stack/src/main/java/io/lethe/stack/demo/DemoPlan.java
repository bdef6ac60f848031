package io.lethe.stack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The jobs of the demo on the built-in dataset: the target model (fine-tuned on every author) and
 * the retain reference model (never sees the forget authors), then three controlled unlearning runs
 * of the forget10 split. GA+GD is the over-unlearning case of both papers: its utility floor trips
 * and the controller halts with a rollback to the last checkpoint that met it. ME+GD and IDK+AP are
 * the closer-look paper's methods that are meant to keep utility.
 */
public final class DemoPlan {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Forget split of the demo. */
  static final String SPLIT = "forget10";

  /**
   * Unlearning hyperparameters for Lethe's tiny model. The papers' lr 1e-5 over 5 epochs moves a 7B
   * model; a 4M model trained from scratch needs a larger step to unlearn within the same 5 epochs.
   * Effective batch 4 over the 20 forget items gives 25 optimizer steps.
   */
  static final double UNLEARN_LR = 2e-4;

  static final int UNLEARN_EPOCHS = 5;
  static final int UNLEARN_BATCH = 4;

  /**
   * Utility floor of every unlearning job: TOFU model utility ≥ 0.9 × its step-0 value (the UwC
   * retain bar).
   */
  static final double MAX_UTILITY_DROP = 0.1;

  /** A named unlearning run. */
  record Run(String method, String onBreach) {}

  /** The unlearning runs, in submission order. */
  static final List<Run> RUNS =
      List.of(new Run("GA+GD", "HALT"), new Run("ME+GD", "HALT"), new Run("IDK+AP", "HALT"));

  private DemoPlan() {}

  /**
   * A FINETUNE job from the tiny preset on the full split (target) or the retain split (retain
   * model).
   */
  static ObjectNode finetune(String trainOn) {
    ObjectNode job = JSON.createObjectNode();
    job.put("kind", "FINETUNE");
    ObjectNode dataset = job.putObject("dataset");
    dataset.put("source", "builtin");
    dataset.put("split", SPLIT);
    dataset.put("trainOn", trainOn);
    job.putObject("startModel").put("preset", "tiny");
    return job;
  }

  /** An UNLEARN job of {@code run} from the target model, measured against the retain model. */
  static ObjectNode unlearn(Run run, ModelRef target, ModelRef retain) {
    ObjectNode job = JSON.createObjectNode();
    job.put("kind", "UNLEARN");
    job.put("method", run.method());
    ObjectNode dataset = job.putObject("dataset");
    dataset.put("source", "builtin");
    dataset.put("split", SPLIT);
    job.putObject("startModel").put("uri", target.uri()).put("sha256", target.sha256());
    job.putObject("retainModel").put("uri", retain.uri()).put("sha256", retain.sha256());
    ObjectNode hp = job.putObject("hyperparameters");
    hp.put("learningRate", UNLEARN_LR);
    hp.put("epochs", UNLEARN_EPOCHS);
    hp.put("effectiveBatch", UNLEARN_BATCH);
    hp.put("microBatch", UNLEARN_BATCH);
    ObjectNode policy = job.putObject("policy");
    policy
        .putArray("floors")
        .addObject()
        .put("metricId", "tofu.model_utility@1")
        .put("maxRelativeDrop", MAX_UTILITY_DROP);
    policy.put("probeEvery", 0);
    policy.put("fullEvery", 5);
    policy.put("onBreach", run.onBreach());
    return job;
  }

  /** A checkpoint reference. */
  record ModelRef(String uri, String sha256) {}
}
