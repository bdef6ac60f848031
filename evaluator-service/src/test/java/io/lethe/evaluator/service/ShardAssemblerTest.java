package io.lethe.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.evaluator.EvaluationKey;
import io.lethe.evaluator.HandComputedEvaluation;
import io.lethe.evaluator.Shards;
import io.lethe.evaluator.service.ShardAssembler.Admission;
import io.lethe.evaluator.service.ShardAssembler.Outcome;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.events.GenerationEvent;
import io.lethe.schemas.json.MalformedEventException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** Assembly, de-duplication, held acks and eviction of generation shards. */
class ShardAssemblerTest {

  static final String SHA = "cd".repeat(32);
  static final Duration TIMEOUT = Duration.ofMinutes(30);

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A message that records whether it was acked or nacked. */
  static final class Tracked {
    boolean acked;
    Throwable nacked;
    final Message<String> message =
        Message.of(
            "shard",
            () -> {
              acked = true;
              return CompletableFuture.completedFuture(null);
            },
            reason -> {
              nacked = reason;
              return CompletableFuture.completedFuture(null);
            });

    boolean settled() {
      return acked || nacked != null;
    }
  }

  final TestClock clock = new TestClock();
  final ShardAssembler assembler = new ShardAssembler(clock, TIMEOUT, 2, 8);

  static List<GenerationEvent> evaluation(String job) {
    return HandComputedEvaluation.shards(job, 3, SHA, EvaluationKind.FULL, true);
  }

  @Test
  void completesOnceEveryShardArrivedOutOfOrderAndCountsADuplicateOnce() {
    List<GenerationEvent> shards = evaluation("job-a");
    List<Tracked> messages = new ArrayList<>();
    int[] order = {5, 2, 0, 2, 4, 1};
    List<Outcome> outcomes = new ArrayList<>();
    Admission last = null;
    for (int i : order) {
      Tracked t = new Tracked();
      messages.add(t);
      last = assembler.admit(shards.get(i), t.message);
      outcomes.add(last.outcome());
    }
    assertThat(outcomes)
        .containsExactly(
            Outcome.PENDING,
            Outcome.PENDING,
            Outcome.PENDING,
            Outcome.DUPLICATE,
            Outcome.PENDING,
            Outcome.PENDING);
    assertThat(assembler.incompleteCount()).isEqualTo(1);

    Tracked lastShard = new Tracked();
    messages.add(lastShard);
    Admission complete = assembler.admit(shards.get(3), lastShard.message);

    assertThat(complete.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(complete.evaluation().shards()).hasSize(6);
    assertThat(complete.evaluation().key())
        .isEqualTo(new EvaluationKey("job-a", 3, SHA, EvaluationKind.FULL));
    assertThat(assembler.incompleteCount()).isZero();
    // nothing is acked before publication
    assertThat(messages).noneMatch(Tracked::settled);

    assertThat(assembler.published(complete.evaluation().key())).isEqualTo(7);
    assertThat(messages).allMatch(t -> t.acked && t.nacked == null);
  }

  @Test
  void aShardOfAPublishedEvaluationIsAckedAtOnceAndStartsNothing() {
    List<GenerationEvent> shards = evaluation("job-b");
    shards.forEach(s -> assembler.admit(s, new Tracked().message));
    assembler.published(EvaluationKey.of(shards.get(0)));

    Tracked late = new Tracked();
    Admission admission = assembler.admit(shards.get(1), late.message);

    assertThat(admission.outcome()).isEqualTo(Outcome.ALREADY_PUBLISHED);
    assertThat(late.acked).isTrue();
    assertThat(assembler.incompleteCount()).isZero();
  }

  @Test
  void aDuplicateArrivingWhileTheEvaluationIsComputedIsAckedWithIt() {
    List<GenerationEvent> shards = evaluation("job-c");
    shards.forEach(s -> assembler.admit(s, new Tracked().message));
    Tracked duplicate = new Tracked();

    assertThat(assembler.admit(shards.get(0), duplicate.message).outcome())
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(duplicate.settled()).isFalse();
    assembler.published(EvaluationKey.of(shards.get(0)));
    assertThat(duplicate.acked).isTrue();
  }

  @Test
  void anAssemblyIncompleteAfterTheTimeoutIsEvictedAndItsMessagesDeadLettered() {
    List<GenerationEvent> shards = evaluation("job-d");
    Tracked first = new Tracked();
    Tracked second = new Tracked();
    assembler.admit(shards.get(0), first.message);
    clock.now = clock.now.plus(Duration.ofMinutes(10));
    assembler.admit(shards.get(2), second.message);

    clock.now = clock.now.plus(Duration.ofMinutes(19));
    assertThat(assembler.evictExpired()).isEmpty();

    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(assembler.evictExpired()).containsExactly(EvaluationKey.of(shards.get(0)));

    assertThat(first.nacked)
        .isInstanceOf(IncompleteEvaluationException.class)
        .hasMessageContaining("job job-d step 3 (FULL")
        .hasMessageContaining("incomplete after PT30M: 2 of 6 shards arrived")
        .hasMessageContaining("candidate/forget [0] of 2");
    assertThat(second.nacked).isSameAs(first.nacked);
    assertThat(assembler.incompleteCount()).isZero();
    assertThat(assembler.evictedCount()).isEqualTo(1);
  }

  @Test
  void beyondMaxIncompleteTheOldestAssemblyIsEvicted() {
    Tracked a = new Tracked();
    Tracked b = new Tracked();
    Tracked c = new Tracked();
    assembler.admit(evaluation("job-1").get(0), a.message);
    clock.now = clock.now.plusSeconds(1);
    assembler.admit(evaluation("job-2").get(0), b.message);
    clock.now = clock.now.plusSeconds(1);
    assembler.admit(evaluation("job-3").get(0), c.message);

    assertThat(a.nacked).hasMessageContaining("job job-1").hasMessageContaining("more than 2");
    assertThat(b.settled()).isFalse();
    assertThat(c.settled()).isFalse();
    assertThat(assembler.incompleteCount()).isEqualTo(2);
  }

  @Test
  void aFailedEvaluationDeadLettersItsShards() {
    List<GenerationEvent> shards = evaluation("job-e");
    List<Tracked> messages = new ArrayList<>();
    for (GenerationEvent s : shards) {
      Tracked t = new Tracked();
      messages.add(t);
      assembler.admit(s, t.message);
    }
    IllegalArgumentException error = new IllegalArgumentException("broken items");

    assembler.failed(EvaluationKey.of(shards.get(0)), error);

    assertThat(messages).allMatch(t -> t.nacked == error && !t.acked);
  }

  @Test
  void shardsThatContradictTheEvaluationAreRejectedWithoutTakingTheMessage() {
    List<GenerationEvent> shards = evaluation("job-f");
    assembler.admit(shards.get(0), new Tracked().message);
    GenerationEvent s = shards.get(1);
    GenerationEvent otherTotal =
        Shards.shard(
            s.jobId(),
            s.step(),
            SHA,
            s.kind(),
            s.model(),
            s.evalSet(),
            s.shard(),
            s.shardCount(),
            7,
            s.items());
    Tracked rejected = new Tracked();

    assertThatThrownBy(() -> assembler.admit(otherTotal, rejected.message))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("totalShards 7 contradicts 6");
    assertThat(rejected.settled()).isFalse();
  }

  @Test
  void shardsNoEvaluationCanContainAreMalformed() {
    GenerationEvent s = evaluation("job-g").get(0);
    assertThatThrownBy(
            () ->
                assembler.admit(
                    Shards.shard(
                        s.jobId(),
                        s.step(),
                        SHA,
                        s.kind(),
                        "teacher",
                        s.evalSet(),
                        0,
                        1,
                        6,
                        s.items()),
                    new Tracked().message))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("model must be candidate or retain");
    assertThatThrownBy(
            () ->
                assembler.admit(
                    Shards.shard(
                        s.jobId(),
                        s.step(),
                        SHA,
                        s.kind(),
                        "candidate",
                        "holdout",
                        0,
                        1,
                        6,
                        s.items()),
                    new Tracked().message))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("evalSet must be");
    assertThatThrownBy(
            () ->
                assembler.admit(
                    Shards.shard(
                        s.jobId(),
                        s.step(),
                        SHA,
                        s.kind(),
                        "candidate",
                        "forget",
                        2,
                        2,
                        6,
                        s.items()),
                    new Tracked().message))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("shard 2 of 2 is impossible");
    assertThatThrownBy(
            () ->
                assembler.admit(
                    Shards.shard(
                        s.jobId(),
                        s.step(),
                        SHA,
                        EvaluationKind.NONE,
                        "candidate",
                        "forget",
                        0,
                        1,
                        6,
                        s.items()),
                    new Tracked().message))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("kind NONE is not evaluated");
    assertThat(assembler.incompleteCount()).isZero();
  }

  @Test
  void theEventIdIsTheSameForTheSameEvaluationAndDiffersOtherwise() {
    EvaluationKey key = new EvaluationKey("job", 6, SHA, EvaluationKind.FULL);
    assertThat(key.eventId())
        .isEqualTo(new EvaluationKey("job", 6, SHA, EvaluationKind.FULL).eventId());
    assertThat(key.eventId())
        .isNotEqualTo(new EvaluationKey("job", 6, SHA, EvaluationKind.PROBE).eventId());
    assertThat(key.eventId())
        .isNotEqualTo(new EvaluationKey("job", 7, SHA, EvaluationKind.FULL).eventId());
  }
}
