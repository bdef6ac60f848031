package io.lethe.orchestrator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.orchestrator.service.JobPlanner;
import io.lethe.orchestrator.service.JobSpec;
import io.lethe.schemas.domain.BreachAction;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.json.LetheJson;
import org.junit.jupiter.api.Test;

/** How a request's omissions are resolved: what every job, and the in-process benchmark, gets. */
class SubmitJobRequestTest {

  @Test
  void aFineTuneWithoutOptionsStartsFromATinyModelWithTheDefaults() {
    JobSpec spec =
        LetheJson.read(
                """
                {"kind":"FINETUNE","dataset":{"source":"builtin","split":"forget10","trainOn":"full"}}
                """,
                SubmitJobRequest.class)
            .toSpec();

    assertThat(spec.kind()).isEqualTo(JobKind.FINETUNE);
    assertThat(spec.startModel()).isEqualTo(ModelRef.fresh("tiny"));
    assertThat(spec.hyperparameters()).isEqualTo(Hyperparameters.defaults());
    assertThat(spec.policy()).isNull();
    assertThat(spec.seed()).isEqualTo(1001L);
    assertThat(spec.maxItemsPerSet()).isEqualTo(JobPlanner.MAX_ITEMS_PER_SET);
    assertThat(spec.shardSize()).isEqualTo(JobPlanner.SHARD_SIZE);
    assertThat(spec.afterJobId()).isNull();
  }

  @Test
  void anUnlearnJobKeepsWhatItGivesAndDefaultsTheRestOfItsPolicy() {
    JobSpec spec =
        LetheJson.read(
                """
                {"kind":"UNLEARN","method":"ME+GD",
                 "dataset":{"source":"builtin","split":"forget10"},
                 "startModel":{"uri":"file:///c/target","sha256":"%s"},
                 "hyperparameters":{"learningRate":0.001,"epochs":5},
                 "policy":{"probeEvery":0,"fullEvery":5,"mixMaxIterations":4},
                 "seed":1101}
                """
                    .formatted("a".repeat(64)),
                SubmitJobRequest.class)
            .toSpec();

    assertThat(spec.startModel())
        .isEqualTo(ModelRef.checkpoint("file:///c/target", "a".repeat(64)));
    assertThat(spec.hyperparameters().learningRate()).isEqualTo(1e-3);
    assertThat(spec.hyperparameters().effectiveBatch()).isNull(); // the trainer's default applies
    assertThat(spec.policy().floors()).containsExactly(PolicyRequest.DEFAULT_FLOOR);
    assertThat(spec.policy().probeEvery()).isZero();
    assertThat(spec.policy().fullEvery()).isEqualTo(5);
    assertThat(spec.policy().onBreach()).isEqualTo(BreachAction.HALT);
    assertThat(spec.policy().mixMaxIterations()).isEqualTo(4);
    assertThat(spec.seed()).isEqualTo(1101L);
  }
}
