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
   * Unlearning hyperparameters for Lethe's tiny model, one learning rate for every method as in the
   * papers. Their lr 1e-5 over 5 epochs moves a 7B model; the 3.6 M model trained from scratch
   * needs a larger step. Measured on the built-in dataset (MU baseline 0.815, floor 0.734): at 2e-4
   * no method moves far enough in 25 steps (GA+GD MU 0.753, ME+GD forget ROUGE-L still 0.97); at
   * 1e-3 GA+GD crosses the floor at step 10 (MU 0.43), ME+GD ends at MU 0.742 with forget ROUGE-L
   * 0.59, and IDK+AP crosses it at step 5 (MU 0.63) — which is why IDK+AP runs with {@code MIX}.
   * Effective batch 4 over the 20 forget items gives 25 optimizer steps.
   */
  static final double UNLEARN_LR = 1e-3;

  static final int UNLEARN_EPOCHS = 5;
  static final int UNLEARN_BATCH = 4;

  /**
   * Utility floor of every unlearning job: TOFU model utility ≥ 0.9 × its step-0 value (the UwC
   * retain bar).
   */
  static final double MAX_UTILITY_DROP = 0.1;

  /**
   * Bisection budget of a MIX: each iteration is one full evaluation of a mixed checkpoint, and
   * four halvings of α ∈ [0, 1] reach a step of 1/16, fine enough for the demo.
   */
  static final int MIX_ITERATIONS = 4;

  /** A named unlearning run with the controller's response to a floor breach. */
  record Run(String method, String onBreach) {}

  /**
   * The unlearning runs, in submission order: GA+GD shows the halt with rollback, ME+GD a run that
   * stays above its floor, IDK+AP the model mixing that pulls a breaching run back to the floor.
   */
  static final List<Run> RUNS =
      List.of(new Run("GA+GD", "HALT"), new Run("ME+GD", "HALT"), new Run("IDK+AP", "MIX"));

  private DemoPlan() {}

  /**
   * A FINETUNE job from the tiny preset on the full split (target) or the retain split (retain
   * model).
   */
  static ObjectNode finetune(String trainOn) {
    return finetune(builtin(), trainOn);
  }

  /**
   * A FINETUNE job from the tiny preset on {@code dataset} (a job's dataset object): the full split
   * (target) or the retain split (retain model).
   */
  public static ObjectNode finetune(ObjectNode dataset, String trainOn) {
    return finetune(dataset, trainOn, "tiny");
  }

  /**
   * A FINETUNE job from {@code preset} ({@code tiny} or {@code micro}) on {@code dataset}: the full
   * split (target) or the retain split (retain model).
   */
  public static ObjectNode finetune(ObjectNode dataset, String trainOn, String preset) {
    ObjectNode job = JSON.createObjectNode();
    job.put("kind", "FINETUNE");
    job.set("dataset", dataset.deepCopy().put("trainOn", trainOn));
    job.putObject("startModel").put("preset", preset);
    return job;
  }

  /** The demo's dataset: the built-in generator's forget10 split. */
  public static ObjectNode builtin() {
    ObjectNode dataset = JSON.createObjectNode();
    dataset.put("source", "builtin");
    dataset.put("split", SPLIT);
    return dataset;
  }

  /** An UNLEARN job of {@code run} from the target model, measured against the retain model. */
  static ObjectNode unlearn(Run run, ModelRef target, ModelRef retain) {
    return unlearn(run.method(), SPLIT, run.onBreach(), target, retain);
  }

  /**
   * The demo's controlled UNLEARN job (its hyperparameters, floor and evaluation cadence) of any
   * method on any built-in forget split: what benchmarks of the loop run.
   */
  public static ObjectNode unlearn(
      String method, String split, String onBreach, ModelRef target, ModelRef retain) {
    ObjectNode job = JSON.createObjectNode();
    job.put("kind", "UNLEARN");
    job.put("method", method);
    ObjectNode dataset = job.putObject("dataset");
    dataset.put("source", "builtin");
    dataset.put("split", split);
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
    policy.put("onBreach", onBreach);
    policy.put("mixMaxIterations", MIX_ITERATIONS);
    return job;
  }

  /** A checkpoint reference. */
  public record ModelRef(String uri, String sha256) {}
}
