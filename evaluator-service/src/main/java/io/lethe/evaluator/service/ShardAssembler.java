package io.lethe.evaluator.service;

import io.lethe.evaluator.CompleteEvaluation;
import io.lethe.evaluator.EvaluationKey;
import io.lethe.evaluator.EvaluationSets;
import io.lethe.evaluator.ModelRole;
import io.lethe.evaluator.ShardId;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.events.GenerationEvent;
import io.lethe.schemas.json.MalformedEventException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Collects the shards of each evaluation until all {@code totalShards} have arrived, and holds the
 * Kafka message of every shard un-acked until the evaluation that contains it is published.
 *
 * <p>Why hold the acks: the committed offset of {@code generations} then never passes a shard whose
 * evaluation is not yet on {@code evaluations}. A crash mid-assembly loses nothing (the broker
 * redelivers the uncommitted shards and the assembly starts over); a crash between publication and
 * ack re-publishes the same evaluation under the same {@link EvaluationKey#eventId()}, which
 * downstream consumers de-duplicate.
 *
 * <p>A shard delivered twice (same model, set and shard index) counts once; its second message is
 * held with the first and acked with it. A shard of an evaluation published recently is acked at
 * once. Memory is bounded: assemblies older than the timeout, or beyond {@code maxIncomplete}, are
 * evicted and their messages nacked into the dead-letter queue with the reason, where an operator
 * can replay them — holding them forever would stall the partition's commits and keep the channel
 * unhealthy, dropping them silently would lose data.
 *
 * <p>Thread-safe: shards arrive on the Kafka consumer's thread, evictions and publications on
 * others. Acks and nacks are issued outside the lock.
 */
public final class ShardAssembler {

  private static final Logger LOG = Logger.getLogger(ShardAssembler.class);

  private final Clock clock;
  private final Duration timeout;
  private final int maxIncomplete;
  private final Map<EvaluationKey, Assembly> assemblies = new LinkedHashMap<>();
  private final Map<EvaluationKey, Boolean> published;
  private final AtomicLong evicted = new AtomicLong();

  /**
   * An assembler.
   *
   * @param clock time source (assembly age)
   * @param timeout age at which an incomplete assembly is evicted
   * @param maxIncomplete most incomplete assemblies kept at once
   * @param publishedKeysRemembered how many published evaluations are remembered for late shards
   */
  public ShardAssembler(
      Clock clock, Duration timeout, int maxIncomplete, int publishedKeysRemembered) {
    if (maxIncomplete < 1 || publishedKeysRemembered < 1) {
      throw new IllegalArgumentException("maxIncomplete and publishedKeysRemembered must be >= 1");
    }
    this.clock = clock;
    this.timeout = timeout;
    this.maxIncomplete = maxIncomplete;
    this.published =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<EvaluationKey, Boolean> eldest) {
            return size() > publishedKeysRemembered;
          }
        };
  }

  /** What became of an admitted shard. */
  public enum Outcome {
    /** Added; the evaluation still waits for other shards. */
    PENDING,
    /** A shard already held; its message is held too and acked with the evaluation. */
    DUPLICATE,
    /** The last missing shard: the evaluation is complete and must be computed and published. */
    COMPLETE,
    /** The evaluation was already published; the message was acked. */
    ALREADY_PUBLISHED
  }

  /**
   * The outcome of {@link #admit}.
   *
   * @param outcome what happened
   * @param evaluation the complete evaluation when {@code outcome} is {@link Outcome#COMPLETE}
   */
  public record Admission(Outcome outcome, CompleteEvaluation evaluation) {}

  /**
   * Adds a shard and takes over its message: the message is acked by {@link #published}, nacked by
   * {@link #failed} or an eviction, or acked at once if its evaluation was already published.
   *
   * @throws MalformedEventException if the shard cannot belong to any evaluation (unknown model or
   *     set, impossible shard numbers, a kind that is not evaluated) or contradicts the shards
   *     already held; the message is then not taken over
   */
  public Admission admit(GenerationEvent shard, Message<?> message) {
    validate(shard);
    EvaluationKey key = EvaluationKey.of(shard);
    ShardId id = ShardId.of(shard);
    List<Assembly> evictedAssemblies = new ArrayList<>();
    Admission admission;
    synchronized (this) {
      if (published.containsKey(key)) {
        admission = new Admission(Outcome.ALREADY_PUBLISHED, null);
      } else {
        Assembly assembly = assemblies.get(key);
        if (assembly == null) {
          evictedAssemblies.addAll(makeRoom());
          assembly = new Assembly(key, shard.totalShards(), clock.instant());
          assemblies.put(key, assembly);
        }
        admission = assembly.add(id, shard, message);
      }
    }
    evictedAssemblies.forEach(a -> a.nackAll(capacityReason(a)));
    this.evicted.addAndGet(evictedAssemblies.size());
    if (admission.outcome() == Outcome.ALREADY_PUBLISHED) {
      message.ack();
    }
    return admission;
  }

  /**
   * The evaluation is on {@code evaluations}: acks every message it held (late duplicates included)
   * and remembers the key.
   *
   * @return how many messages were acked
   */
  public int published(EvaluationKey key) {
    Assembly assembly;
    synchronized (this) {
      assembly = assemblies.remove(key);
      published.put(key, Boolean.TRUE);
    }
    if (assembly == null) {
      return 0;
    }
    return assembly.ackAll();
  }

  /**
   * The evaluation could not be computed or published: nacks its messages (→ dead-letter queue with
   * {@code error} as the reason) and forgets it.
   */
  public void failed(EvaluationKey key, Throwable error) {
    Assembly assembly;
    synchronized (this) {
      assembly = assemblies.remove(key);
    }
    if (assembly != null) {
      assembly.nackAll(error);
    }
  }

  /**
   * Evicts every assembly still incomplete {@code timeout} after its first shard, nacking its
   * messages with the reason.
   *
   * @return the evicted evaluations
   */
  public List<EvaluationKey> evictExpired() {
    Instant now = clock.instant();
    List<Assembly> expired = new ArrayList<>();
    synchronized (this) {
      for (Assembly assembly : assemblies.values()) {
        if (!assembly.complete && !assembly.startedAt.plus(timeout).isAfter(now)) {
          expired.add(assembly);
        }
      }
      expired.forEach(a -> assemblies.remove(a.key));
    }
    List<EvaluationKey> keys = new ArrayList<>();
    for (Assembly assembly : expired) {
      String reason =
          "evaluation "
              + assembly.key
              + " incomplete after "
              + timeout
              + ": "
              + assembly.describeProgress();
      assembly.nackAll(new IncompleteEvaluationException(reason));
      keys.add(assembly.key);
    }
    evicted.addAndGet(keys.size());
    return keys;
  }

  /** Evaluations evicted incomplete since start (for the counter). */
  public long evictedCount() {
    return evicted.get();
  }

  /** Assemblies still waiting for shards (for the gauge). */
  public synchronized int incompleteCount() {
    return (int) assemblies.values().stream().filter(a -> !a.complete).count();
  }

  /** Assemblies evicted to make room, oldest first (called under the lock). */
  private List<Assembly> makeRoom() {
    List<Assembly> evicted = new ArrayList<>();
    while (incompleteCountLocked() >= maxIncomplete) {
      Assembly oldest =
          assemblies.values().stream()
              .filter(a -> !a.complete)
              .min((a, b) -> a.startedAt.compareTo(b.startedAt))
              .orElseThrow();
      assemblies.remove(oldest.key);
      evicted.add(oldest);
    }
    return evicted;
  }

  private int incompleteCountLocked() {
    return (int) assemblies.values().stream().filter(a -> !a.complete).count();
  }

  private IncompleteEvaluationException capacityReason(Assembly assembly) {
    return new IncompleteEvaluationException(
        "evaluation "
            + assembly.key
            + " evicted: more than "
            + maxIncomplete
            + " evaluations incomplete at once; "
            + assembly.describeProgress());
  }

  /** Rejects shards no evaluation can contain. */
  static void validate(GenerationEvent shard) {
    if (shard.kind() != EvaluationKind.PROBE && shard.kind() != EvaluationKind.FULL) {
      throw new MalformedEventException(
          "GenerationEvent: kind " + shard.kind() + " is not evaluated");
    }
    if (ModelRole.fromWire(shard.model()).isEmpty()) {
      throw new MalformedEventException(
          "GenerationEvent: model must be candidate or retain, got " + shard.model());
    }
    if (EvaluationSets.fromWire(shard.evalSet()).isEmpty()) {
      throw new MalformedEventException(
          "GenerationEvent: evalSet must be forget, retain, real_authors or world_facts, got "
              + shard.evalSet());
    }
    if (shard.checkpointSha256() == null || shard.checkpointSha256().isBlank()) {
      throw new MalformedEventException("GenerationEvent: checkpointSha256 is missing");
    }
    if (shard.shardCount() < 1 || shard.shard() < 0 || shard.shard() >= shard.shardCount()) {
      throw new MalformedEventException(
          "GenerationEvent: shard "
              + shard.shard()
              + " of "
              + shard.shardCount()
              + " is impossible");
    }
    if (shard.totalShards() < shard.shardCount()) {
      throw new MalformedEventException(
          "GenerationEvent: totalShards "
              + shard.totalShards()
              + " < shardCount "
              + shard.shardCount());
    }
    if (shard.items() == null || shard.items().stream().anyMatch(i -> i == null)) {
      throw new MalformedEventException("GenerationEvent: items missing");
    }
  }

  /** The shards of one evaluation collected so far, with the messages they came in. */
  private static final class Assembly {
    private final EvaluationKey key;
    private final int totalShards;
    private final Instant startedAt;
    private final Map<ShardId, GenerationEvent> shards = new TreeMap<>();
    private final Map<String, Integer> shardCountByPart = new HashMap<>();
    private final List<Message<?>> held = new ArrayList<>();
    private boolean complete;

    Assembly(EvaluationKey key, int totalShards, Instant startedAt) {
      this.key = key;
      this.totalShards = totalShards;
      this.startedAt = startedAt;
    }

    Admission add(ShardId id, GenerationEvent shard, Message<?> message) {
      if (shard.totalShards() != totalShards) {
        throw new MalformedEventException(
            "GenerationEvent: totalShards "
                + shard.totalShards()
                + " contradicts "
                + totalShards
                + " of the other shards of "
                + key);
      }
      Integer knownCount = shardCountByPart.get(id.part());
      if (knownCount != null && knownCount != shard.shardCount()) {
        throw new MalformedEventException(
            "GenerationEvent: shardCount "
                + shard.shardCount()
                + " of "
                + id.part()
                + " contradicts "
                + knownCount);
      }
      if (shards.containsKey(id)) {
        held.add(message);
        return new Admission(Outcome.DUPLICATE, null);
      }
      if (complete || shards.size() == totalShards) {
        throw new MalformedEventException(
            "GenerationEvent: "
                + key
                + " has more distinct shards than totalShards "
                + totalShards);
      }
      shards.put(id, shard);
      shardCountByPart.put(id.part(), shard.shardCount());
      held.add(message);
      if (shards.size() == totalShards && everyPartComplete()) {
        complete = true;
        return new Admission(
            Outcome.COMPLETE, new CompleteEvaluation(key, List.copyOf(shards.values()), startedAt));
      }
      return new Admission(Outcome.PENDING, null);
    }

    private boolean everyPartComplete() {
      Map<String, Long> seen =
          shards.keySet().stream()
              .collect(Collectors.groupingBy(ShardId::part, Collectors.counting()));
      return seen.entrySet().stream()
          .allMatch(e -> e.getValue() == (long) shardCountByPart.get(e.getKey()));
    }

    String describeProgress() {
      Map<String, Collection<Integer>> received = new TreeMap<>();
      for (ShardId id : shards.keySet()) {
        received.computeIfAbsent(id.part(), p -> new TreeSet<>()).add(id.shard());
      }
      String parts =
          received.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue() + " of " + shardCountByPart.get(e.getKey()))
              .collect(Collectors.joining(", "));
      return shards.size() + " of " + totalShards + " shards arrived (" + parts + ")";
    }

    int ackAll() {
      held.forEach(Message::ack);
      return held.size();
    }

    void nackAll(Throwable reason) {
      LOG.warnf("%s; %d message(s) go to the dead-letter queue", reason.getMessage(), held.size());
      held.forEach(m -> m.nack(reason));
    }
  }
}
