package io.lethe.trainer.service;

import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.text.ByteLevelBpeTrainer;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.Lineage;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.MalformedEventException;
import io.lethe.trainer.training.PromptEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Segment 0 (step 0): the starting model becomes the job's step-0 checkpoint — its evaluation is
 * the baseline every utility floor is measured against — and the event announces how many steps the
 * job's schedule has.
 *
 * <ul>
 *   <li>a preset ({@code micro}, {@code tiny}): a byte-level BPE tokenizer fitted to the job's
 *       texts and weights initialised with the job's seed — deterministic, so two jobs with the
 *       same seed and data start from the same bits;
 *   <li>a stored checkpoint: verified against the SHA-256 the command names (a mismatch is refused)
 *       and published as is, without a copy.
 * </ul>
 */
final class StartSegment {

  /** Lineage method of a freshly initialised model. */
  static final String INIT = "INIT";

  private final SegmentResources resources;

  StartSegment(SegmentResources resources) {
    this.resources = resources;
  }

  /** Materialises the start model of {@code command}'s job. */
  CheckpointEvent run(UnlearningStepCommand command, long startedNanos)
      throws IOException, SegmentFailure {
    UnlearningBenchmark data = resources.benchmarks().load(command.dataset());
    ModelRef startModel = command.startModel();
    boolean fromScratch = !ModelRefs.isCheckpoint(startModel);
    String uri;
    String sha;
    if (fromScratch) {
      Path dir = resources.store().directory(command.jobId(), command.segment());
      sha = initialise(command, data, dir).modelSha256();
      uri = ModelRefs.uriOf(dir);
    } else {
      Path dir = ModelRefs.existingDirectory(startModel, 0);
      sha = CheckpointStore.verify(dir, startModel.sha256());
      if (!Files.isRegularFile(dir.resolve(CheckpointStore.TOKENIZER_FILE))) {
        throw new SegmentFailure(
            FailureCategory.TRAINING_ERROR,
            0,
            "start checkpoint " + startModel.uri() + " has no " + CheckpointStore.TOKENIZER_FILE);
      }
      uri = startModel.uri();
    }
    int planned = JobSettings.plan(command, data, fromScratch).plannedSteps();
    return SegmentEvents.checkpoint(
        command, 0, uri, sha, null, null, null, 0, startedNanos, null, planned);
  }

  private Checkpoint initialise(UnlearningStepCommand command, UnlearningBenchmark data, Path dir)
      throws IOException {
    String preset = command.startModel().preset().trim().toLowerCase(Locale.ROOT);
    Path scratch = resources.store().scratchDirectory(command.jobId());
    try {
      Path tokenizerJson = new ByteLevelBpeTrainer().trainAndSave(data.texts(), scratch);
      try (HfTextTokenizer tokenizer = HfTextTokenizer.load(tokenizerJson)) {
        LlamaConfig config =
            switch (preset) {
              case "tiny" -> LlamaConfig.tiny(tokenizer);
              case "micro" -> LlamaConfig.micro(tokenizer);
              default -> throw new MalformedEventException("unknown model preset " + preset);
            };
        try (LlamaModel model =
            LlamaModel.initialize(config, command.seed(), resources.device().get())) {
          Map<String, Object> origin = new LinkedHashMap<>();
          origin.put("preset", preset);
          origin.put("seed", command.seed());
          origin.put(PromptEncoding.LINEAGE_KEY, PromptTemplate.LETHE.family());
          origin.put("tokenizer", "byte-level BPE fitted to " + data.name());
          origin.put("vocabSize", tokenizer.vocabSize());
          Lineage lineage =
              Lineage.of(command.jobId(), 0, null, INIT, origin, resources.device().get());
          return CheckpointStore.save(dir, model, tokenizerJson, lineage, null);
        }
      }
    } finally {
      SegmentStore.deleteRecursively(scratch);
    }
  }
}
