package io.lethe.stack.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.stack.demo.DemoPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The runs of {@code ./lethe results}: every method of methods.md §7 once uncontrolled and once
 * under the controller's utility floor (HALT, and MIX for GA and IDK+AP), plus one evaluation of
 * the retain model against itself for the metric-sanity claim, and (claim 8) a continual sequence
 * of disjoint forget tasks per method of {@link #CONTINUAL_METHODS}. Hyperparameters are the
 * demo's.
 */
public final class ResultsPlan {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The methods of methods.md §6–7, in the order the tables and plots show them. */
  public static final List<String> METHODS =
      List.of("GA", "GA+GD", "GA+KL", "NPO+GD", "ME+GD", "IDK+GD", "IDK+AP", "DPO+GD");

  /**
   * Methods that also run with {@code onBreach MIX}: GA for Wang et al.'s model-mixing claim
   * (§7.6), IDK+AP as in the demo.
   */
  public static final Set<String> MIX_METHODS = Set.of("GA", "IDK+AP");

  /** The demo's unlearning schedule (lr 1e-3, 5 epochs, batch 4 → 25 steps on forget10). */
  public static final double LEARNING_RATE = 1e-3;

  public static final int EPOCHS = 5;
  public static final int BATCH = 4;

  /** The floor metric and the controlled runs' maximum relative drop (MU ≥ 0.9 × step 0). */
  public static final String FLOOR_METRIC = "tofu.model_utility@1";

  public static final double CONTROLLED_DROP = 0.1;

  /**
   * The uncontrolled runs' floor. The API always enforces at least one floor (an empty list means
   * the default MU ≥ 0.9 × baseline), and a relative drop may be at most 1: a drop of 1.0 asks MU ≥
   * 0 × baseline = 0, which a harmonic mean of non-negative numbers always meets (only NaN would
   * cross it). The runs keep the same evaluation cadence and the same guards (non-finite loss,
   * gradient norm, no-op) as the controlled ones.
   */
  public static final double UNCONTROLLED_DROP = 1.0;

  /** A full evaluation every 5 optimizer steps, no probes: the demo's cadence. */
  public static final int FULL_EVERY = 5;

  /** Bisection budget of a MIX, as the demo. */
  public static final int MIX_ITERATIONS = 4;

  /** How a run answers a floor crossing. */
  public enum Control {
    /** Floor MU ≥ 0, never crossed: the method's own trajectory over the whole schedule. */
    UNCONTROLLED,
    /** Floor MU ≥ 0.9 × step 0; on a crossing stop and return the last checkpoint that met it. */
    HALT,
    /** Floor MU ≥ 0.9 × step 0; on a crossing bisect α of θ = (1 − α)·θ_start + α·θ_breach. */
    MIX;

    /** {@code uncontrolled}, {@code halt}, {@code mix}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One unlearning run. */
  public record Run(String method, Control control) {

    /** File-name form, e.g. {@code ga-gd-halt}. */
    public String slug() {
      return slug(method) + "-" + control.word();
    }

    /** {@code GA+GD halt}. */
    public String label() {
      return method + " " + control.word();
    }

    /** A method's file-name form: {@code GA+GD} → {@code ga-gd}. */
    public static String slug(String method) {
      return method.toLowerCase(Locale.ROOT).replace('+', '-').replace('_', '-');
    }
  }

  /**
   * Claim 8's methods: the baseline the claim names and the two proposed methods (methods.md §7.8).
   */
  public static final List<String> CONTINUAL_METHODS = List.of("GA+GD", "ME+GD", "IDK+AP");

  /**
   * Claim 8's split: sail-sg's continual TOFU runs forget01 with {@code TASK_LIST=1..10}. On the
   * built-in 200 rows each task is 2 rows, and all ten lie in forget10's 20 rows, so the forget10
   * retain model never saw any of them and stays a valid forget-quality reference for every task.
   */
  public static final String CONTINUAL_SPLIT = "forget01";

  /** Tasks of the sequence (sail-sg's forget01 {@code TASK_LIST}). */
  public static final int CONTINUAL_TASKS = 10;

  /**
   * The reference model of a continual task, per methods.md §1.4 ("continual TOFU": baselines and
   * IDK+AP with {@code fix_ref_model=true}, ME+GD with {@code false}). None of the three methods
   * reads a reference model (GD, AP and ME need none), so the choice is recorded, not felt.
   */
  public static String continualReference(String method) {
    return "ME+GD".equals(method) ? "moving" : "fixed";
  }

  /**
   * The forget weight c_f of every continual job: sail-sg's continual scripts use 1.0 for all three
   * methods (methods.md §1.4 table, row "continual TOFU"; the trainer's TOFU-fictitious default for
   * ME+GD is 0.1), so the jobs say so explicitly.
   */
  public static final double CONTINUAL_FORGET_COEFF = 1.0;

  /** One task of a continual sequence. */
  public record ContinualTask(String method, int task) {

    /** File-name form, e.g. {@code continual-ga-gd-task03}. */
    public String slug() {
      return String.format(Locale.ROOT, "continual-%s-task%02d", Run.slug(method), task);
    }

    /** {@code GA+GD continual task 3}. */
    public String label() {
      return method + " continual task " + task;
    }
  }

  /** Slug of the evaluation of the retain model against itself. */
  public static final String RETAIN_SELF = "retain-model-self";

  private final ObjectNode dataset;
  private final List<Run> runs;

  /**
   * @param dataset a job's {@code dataset} object (source, split, path)
   * @param methods the methods to run
   */
  public ResultsPlan(ObjectNode dataset, List<String> methods) {
    this.dataset = dataset.deepCopy();
    List<Run> all = new ArrayList<>();
    for (String m : methods) {
      all.add(new Run(m, Control.UNCONTROLLED));
    }
    for (String m : methods) {
      all.add(new Run(m, Control.HALT));
      if (MIX_METHODS.contains(m)) {
        all.add(new Run(m, Control.MIX));
      }
    }
    this.runs = List.copyOf(all);
  }

  /** The built-in generator's forget10 split, as the demo. */
  public static ObjectNode builtinDataset() {
    return DemoPlan.builtin();
  }

  /** A TOFU-format directory's forget10 split. */
  public static ObjectNode tofuDataset(String path) {
    ObjectNode d = JSON.createObjectNode();
    d.put("source", "tofu");
    d.put("path", path);
    d.put("split", "forget10");
    return d;
  }

  /**
   * The continual tasks of {@code methods} (those of {@link #CONTINUAL_METHODS}), task by task and
   * method by method within a task, so that the methods' sequences advance side by side.
   */
  public static List<ContinualTask> continualTasks(List<String> methods, int tasks) {
    List<ContinualTask> all = new ArrayList<>();
    for (int t = 1; t <= tasks; t++) {
      for (String m : CONTINUAL_METHODS) {
        if (methods.contains(m)) {
          all.add(new ContinualTask(m, t));
        }
      }
    }
    return List.copyOf(all);
  }

  /** The dataset every job of the plan uses. */
  public ObjectNode dataset() {
    return dataset.deepCopy();
  }

  /** The unlearning runs, uncontrolled first, in method order. */
  public List<Run> runs() {
    return runs;
  }

  /** The UNLEARN job of {@code run} from the target model, measured against the retain model. */
  public ObjectNode unlearn(Run run, DemoPlan.ModelRef target, DemoPlan.ModelRef retain) {
    ObjectNode job = JSON.createObjectNode();
    job.put("kind", "UNLEARN");
    job.put("method", run.method());
    job.set("dataset", dataset());
    job.putObject("startModel").put("uri", target.uri()).put("sha256", target.sha256());
    job.putObject("retainModel").put("uri", retain.uri()).put("sha256", retain.sha256());
    ObjectNode hp = job.putObject("hyperparameters");
    hp.put("learningRate", LEARNING_RATE);
    hp.put("epochs", EPOCHS);
    hp.put("effectiveBatch", BATCH);
    hp.put("microBatch", BATCH);
    ObjectNode policy = job.putObject("policy");
    policy
        .putArray("floors")
        .addObject()
        .put("metricId", FLOOR_METRIC)
        .put(
            "maxRelativeDrop",
            run.control() == Control.UNCONTROLLED ? UNCONTROLLED_DROP : CONTROLLED_DROP);
    policy.put("probeEvery", 0);
    policy.put("fullEvery", FULL_EVERY);
    policy.put("onBreach", run.control() == Control.MIX ? "MIX" : "HALT");
    policy.put("mixMaxIterations", MIX_ITERATIONS);
    return job;
  }

  /**
   * The UNLEARN job of one continual task: task 1 starts from the target model, task t > 1 from the
   * result of task t − 1 ({@code continual.after}); every task forgets its own block of {@link
   * #CONTINUAL_SPLIT} ({@code dataset.task}), uncontrolled, with the same schedule as the other
   * runs and the continual scenario's forget weight ({@link #CONTINUAL_FORGET_COEFF}) — on the
   * built-in data ⌊5 epochs × 2 rows / batch 4⌋ = 2 optimizer steps per task, evaluated in full at
   * step 0 and at the last step (the orchestrator always evaluates a job's last step).
   *
   * @param previousJob id of task t − 1's job (null for task 1)
   */
  public ObjectNode continualTask(
      ContinualTask task, String previousJob, DemoPlan.ModelRef target, DemoPlan.ModelRef retain) {
    ObjectNode job = unlearn(new Run(task.method(), Control.UNCONTROLLED), target, retain);
    ((ObjectNode) job.get("hyperparameters")).put("forgetCoeff", CONTINUAL_FORGET_COEFF);
    ObjectNode data = (ObjectNode) job.get("dataset");
    data.put("split", CONTINUAL_SPLIT);
    data.put("task", task.task());
    if (task.task() > 1) {
      job.remove("startModel");
      job.putObject("continual")
          .put("after", previousJob)
          .put("reference", continualReference(task.method()));
    }
    return job;
  }

  /**
   * A job whose step-0 evaluation is the retain model measured against itself (forget quality 1 by
   * construction, methods.md §7.7): it starts from the retain model and stops after one step; only
   * step 0 is read.
   */
  public ObjectNode retainSelfEvaluation(DemoPlan.ModelRef retain) {
    ObjectNode job = unlearn(new Run("GA+GD", Control.UNCONTROLLED), retain, retain);
    ObjectNode policy = (ObjectNode) job.get("policy");
    policy.put("fullEvery", 1);
    policy.put("maxSteps", 1);
    return job;
  }
}
