package io.lethe.trainer.service;

import io.lethe.data.encoding.PromptTemplate;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.Lineage;
import io.lethe.ml.checkpoint.LoadedCheckpoint;
import io.lethe.ml.model.LlamaModel;
import io.lethe.schemas.domain.MixSpec;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.trainer.training.ModelMixer;
import io.lethe.trainer.training.PromptEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A MIX segment, the controller's calibration (methods.md §2.4): θ = (1 − α)·θ_base + α·θ_other,
 * saved as this segment's checkpoint with {@code other} as its parent (the mix is a step back from
 * it toward the base).
 */
final class MixSegment {

  /** Lineage method of a mixed model. */
  static final String MIX = "MIX";

  private final SegmentResources resources;

  MixSegment(SegmentResources resources) {
    this.resources = resources;
  }

  /** Mixes the two checkpoints of {@code command}. */
  CheckpointEvent run(UnlearningStepCommand command, long startedNanos)
      throws IOException, SegmentFailure {
    MixSpec spec = command.mix();
    int step = command.toStep();
    Path baseDir = ModelRefs.existingDirectory(spec.base(), step);
    Path otherDir = ModelRefs.existingDirectory(spec.other(), step);
    try (LoadedCheckpoint base =
            CheckpointStore.load(baseDir, spec.base().sha256(), resources.device().get());
        LoadedCheckpoint other =
            CheckpointStore.load(otherDir, spec.other().sha256(), resources.device().get());
        LlamaModel mixed = ModelMixer.mix(base.model(), other.model(), spec.alpha())) {
      Path tokenizer = base.tokenizerJson() != null ? base.tokenizerJson() : other.tokenizerJson();
      String otherSha = other.checkpoint().modelSha256();
      Map<String, Object> origin = new LinkedHashMap<>();
      origin.put("alpha", spec.alpha());
      origin.put("baseSha256", base.checkpoint().modelSha256());
      origin.put("otherSha256", otherSha);
      Object family = hyperparameters(other.checkpoint()).get(PromptEncoding.LINEAGE_KEY);
      origin.put(
          PromptEncoding.LINEAGE_KEY, family == null ? PromptTemplate.LETHE.family() : family);
      Path dir = resources.store().directory(command.jobId(), command.segment());
      Checkpoint saved =
          CheckpointStore.save(
              dir,
              mixed,
              tokenizer,
              Lineage.of(command.jobId(), step, otherSha, MIX, origin, resources.device().get()),
              null);
      return SegmentEvents.checkpoint(
          command,
          step,
          ModelRefs.uriOf(dir),
          saved.modelSha256(),
          otherSha,
          null,
          null,
          0,
          startedNanos,
          spec.alpha(),
          null);
    }
  }

  private static Map<String, Object> hyperparameters(Checkpoint checkpoint) {
    return checkpoint.lineage() == null ? Map.of() : checkpoint.lineage().hyperparameters();
  }
}
