package io.lethe.trainer.service;

import io.lethe.data.QaPair;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.sampling.ForgetItemSampler;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.Lineage;
import io.lethe.ml.checkpoint.LoadedCheckpoint;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.training.AdamW;
import io.lethe.ml.training.AdamWConfig;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.trainer.training.FinetuneSteps;
import io.lethe.trainer.training.NonFiniteTrainingException;
import io.lethe.trainer.training.PromptEncoding;
import io.lethe.trainer.training.ResolvedHyperparameters;
import io.lethe.trainer.training.SegmentObjective;
import io.lethe.trainer.training.SegmentStats;
import io.lethe.trainer.training.SegmentTrainer;
import io.lethe.trainer.training.StepPlan;
import io.lethe.trainer.training.TrainingRows;
import io.lethe.trainer.training.UnlearnSteps;
import io.lethe.unlearning.method.UnlearningMethod;
import io.lethe.unlearning.method.UnlearningObjective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training segment: load the checkpoint at {@code fromStep} (weights verified, AdamW state
 * restored unless the job starts here), train steps {@code fromStep+1..toStep} — FINETUNE with HF's
 * mean NLL, UNLEARN with the method's objective — and save the checkpoint at {@code toStep} with
 * its optimizer state, tokenizer and lineage. Nothing is carried over in memory from the previous
 * segment, so any trainer can run any segment of a job.
 */
final class TrainingSegment {

  private final SegmentResources resources;

  TrainingSegment(SegmentResources resources) {
    this.resources = resources;
  }

  /** Trains {@code command}'s steps. */
  CheckpointEvent run(UnlearningStepCommand command, long startedNanos)
      throws IOException, SegmentFailure, NonFiniteTrainingException {
    int fromStep = command.fromStep();
    UnlearningBenchmark data = resources.benchmarks().load(command.dataset());
    boolean fromScratch = !ModelRefs.isCheckpoint(command.startModel());
    ModelRef from = resumeSource(command);
    Path fromDir = ModelRefs.existingDirectory(from, fromStep);
    try (LoadedCheckpoint loaded =
            CheckpointStore.load(fromDir, from.sha256(), resources.device().get());
        PromptEncoding text =
            PromptEncoding.open(tokenizerOf(loaded, fromStep), hyperparameters(loaded))) {
      LlamaModel model = loaded.model();
      ResolvedHyperparameters hp =
          JobSettings.resolve(command, fromScratch, model.config().maxPositionEmbeddings());
      AdamW optimizer = new AdamW(model, new AdamWConfig(0.9, 0.999, 1e-8, hp.weightDecay()));
      if (fromStep > 0) {
        restoreOptimizer(fromDir, optimizer, from, fromStep);
      }
      Map<String, Object> lineage = new LinkedHashMap<>(hp.asMap());
      StepPlan plan;
      SegmentObjective objective;
      if (command.kind() == JobKind.FINETUNE) {
        List<QaPair> rows = TrainingRows.finetune(data, command.dataset().trainOn());
        plan = StepPlan.of(rows.size(), hp);
        objective = new FinetuneSteps(rows, text.encoder(), hp, command.seed());
        lineage.put("trainOn", TrainingRows.normalise(command.dataset().trainOn()));
      } else {
        UnlearningMethod method = UnlearningMethod.parse(command.method());
        plan = StepPlan.of(data.forget().size(), hp);
        LlamaModel reference = null;
        if (method.needsReference()) {
          ModelRef ref = referenceSource(command);
          reference =
              resources
                  .references()
                  .get(
                      ModelRefs.existingDirectory(ref, fromStep),
                      ref.sha256(),
                      resources.device().get());
          lineage.put("referenceSha256", ref.sha256());
        }
        objective =
            new UnlearnSteps(
                new UnlearningObjective(method, hp.method()),
                ForgetItemSampler.forBenchmark(data),
                text.encoder(),
                hp,
                command.seed(),
                reference);
      }
      SegmentStats stats =
          new SegmentTrainer(
                  model,
                  optimizer,
                  plan.schedule(hp.learningRate()),
                  hp.gradientClip(),
                  objective,
                  resources.observer())
              .train(fromStep, command.toStep());
      lineage.put("warmupSteps", plan.warmupSteps());
      lineage.put("plannedSteps", plan.plannedSteps());
      lineage.put("seed", command.seed());
      lineage.put("dataset", data.name());
      lineage.put(PromptEncoding.LINEAGE_KEY, text.template().family());
      String parentSha = loaded.checkpoint().modelSha256();
      Path dir = resources.store().directory(command.jobId(), command.segment());
      Lineage origin =
          Lineage.of(
              command.jobId(),
              command.toStep(),
              parentSha,
              objective.methodName(),
              lineage,
              resources.device().get());
      Checkpoint saved = CheckpointStore.save(dir, model, text.tokenizerJson(), origin, optimizer);
      return SegmentEvents.checkpoint(
          command,
          command.toStep(),
          ModelRefs.uriOf(dir),
          saved.modelSha256(),
          parentSha,
          stats.meanLossTerms(),
          stats.lastGradNorm(),
          stats.tokens(),
          startedNanos,
          null,
          plan.plannedSteps());
    }
  }

  /** Restores AdamW at {@code fromStep}; a state at another step is not the resume point. */
  private static void restoreOptimizer(Path dir, AdamW optimizer, ModelRef from, int fromStep)
      throws IOException, SegmentFailure {
    CheckpointStore.loadOptimizerState(dir, optimizer);
    if (optimizer.stepCount() != fromStep) {
      throw new SegmentFailure(
          FailureCategory.TRAINING_ERROR,
          fromStep,
          "checkpoint "
              + from.uri()
              + " holds the optimizer state of step "
              + optimizer.stepCount()
              + ", the command resumes from step "
              + fromStep);
    }
  }

  /**
   * The checkpoint at {@code fromStep}: {@code resumeFrom}, else (first segment) the start model,
   * else (a preset start) the job's step-0 checkpoint.
   */
  private ModelRef resumeSource(UnlearningStepCommand command) throws IOException, SegmentFailure {
    if (command.resumeFrom() != null) {
      return command.resumeFrom();
    }
    if (ModelRefs.isCheckpoint(command.startModel())) {
      return command.startModel();
    }
    return stepZero(command);
  }

  /**
   * The frozen reference of NPO, DPO and KL: the command's {@code referenceModel} (continual
   * unlearning: the original model or the previous task's result), else the start model.
   */
  private ModelRef referenceSource(UnlearningStepCommand command)
      throws IOException, SegmentFailure {
    ModelRef ref =
        command.referenceModel() != null ? command.referenceModel() : command.startModel();
    return ModelRefs.isCheckpoint(ref) ? ref : stepZero(command);
  }

  /** The step-0 checkpoint this job published (its start was a preset). */
  private ModelRef stepZero(UnlearningStepCommand command) throws IOException, SegmentFailure {
    Optional<CheckpointEvent> zero = resources.store().committed(command.jobId(), 0);
    if (zero.isEmpty()) {
      throw new SegmentFailure(
          FailureCategory.TRAINING_ERROR,
          command.fromStep(),
          "job "
              + command.jobId()
              + " starts from a preset but has no step-0 checkpoint: segment 0 must run first");
    }
    return ModelRef.checkpoint(zero.get().uri(), zero.get().sha256());
  }

  private static Path tokenizerOf(LoadedCheckpoint loaded, long step) throws SegmentFailure {
    if (loaded.tokenizerJson() == null) {
      throw new SegmentFailure(
          FailureCategory.TRAINING_ERROR,
          step,
          "checkpoint "
              + loaded.checkpoint().directory()
              + " has no "
              + CheckpointStore.TOKENIZER_FILE);
    }
    return loaded.tokenizerJson();
  }

  private static Map<String, Object> hyperparameters(LoadedCheckpoint loaded) {
    Lineage lineage = loaded.checkpoint().lineage();
    return lineage == null ? Map.of() : lineage.hyperparameters();
  }
}
