package io.lethe.data.text;

import io.lethe.data.text.BpeVocabulary.Merge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns a compact byte-level BPE vocabulary (a few thousand tokens) from a corpus, so the built-in
 * tiny model gets a tokenizer fitted to its data that is nevertheless a standard Hugging Face
 * {@code tokenizer.json} — one tokenizer path ({@link HfTextTokenizer}) for tiny and real models.
 *
 * <p>Algorithm (as Hugging Face's {@code BpeTrainer} with a {@code ByteLevel} pre-tokenizer): split
 * the corpus into GPT-2 pre-tokens, count them, start from the 256 byte characters, then repeatedly
 * merge the most frequent adjacent pair (counted over words, weighted by word frequency) until the
 * vocabulary has {@code vocabSize} tokens or no pair occurs at least {@code minFrequency} times.
 * Ties are broken by the smaller left token id, then the smaller right token id, so a corpus always
 * yields the same tokenizer. Pair counts are updated incrementally (only words containing the
 * merged pair are revisited), which keeps training on a few MB of text within seconds.
 */
public final class ByteLevelBpeTrainer {

  /** Default target vocabulary size (special tokens + 256 bytes + merges). */
  public static final int DEFAULT_VOCAB_SIZE = 2048;

  /** Default minimum pair frequency: a pair seen once compresses nothing. */
  public static final int DEFAULT_MIN_FREQUENCY = 2;

  /** Beginning-of-sequence token (Llama convention), id 0. */
  public static final String BOS_TOKEN = "<s>";

  /** End-of-sequence token (Llama convention), id 1; also used as padding. */
  public static final String EOS_TOKEN = "</s>";

  private static final int FIRST_BYTE_ID = 2;

  private final int vocabSize;
  private final int minFrequency;

  /** A trainer with {@link #DEFAULT_VOCAB_SIZE} and {@link #DEFAULT_MIN_FREQUENCY}. */
  public ByteLevelBpeTrainer() {
    this(DEFAULT_VOCAB_SIZE, DEFAULT_MIN_FREQUENCY);
  }

  /**
   * @param vocabSize target number of tokens including the two special tokens and the 256 byte
   *     tokens
   * @param minFrequency smallest pair count still worth a merge (at least 1)
   */
  public ByteLevelBpeTrainer(int vocabSize, int minFrequency) {
    if (vocabSize < FIRST_BYTE_ID + ByteLevelAlphabet.SIZE) {
      throw new IllegalArgumentException(
          "vocabSize must be at least " + (FIRST_BYTE_ID + ByteLevelAlphabet.SIZE));
    }
    if (minFrequency < 1) {
      throw new IllegalArgumentException("minFrequency must be >= 1");
    }
    this.vocabSize = vocabSize;
    this.minFrequency = minFrequency;
  }

  /** Learns vocabulary and merges from {@code texts}. */
  public BpeVocabulary train(Iterable<String> texts) {
    // Sorted word table: the order of words never changes the result, but sorting keeps runs
    // reproducible to debug.
    Map<String, Long> wordCounts = new TreeMap<>();
    for (String text : texts) {
      for (String word : ByteLevelPreTokenizer.split(text)) {
        wordCounts.merge(word, 1L, Long::sum);
      }
    }
    return new Run(wordCounts).learn();
  }

  /**
   * Trains on {@code texts} and writes {@code tokenizer.json} and {@code tokenizer_config.json}
   * into {@code directory}.
   *
   * @return the path of the written {@code tokenizer.json}
   */
  public Path trainAndSave(Iterable<String> texts, Path directory) throws IOException {
    return TokenizerJsonWriter.write(train(texts), directory);
  }

  /** The mutable state of one training run. */
  private final class Run {
    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Integer> idOf = new HashMap<>();
    private final List<Merge> merges = new ArrayList<>();
    private final int[][] words;
    private final long[] counts;
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> pairWords = new HashMap<>();
    private final Set<Long> forbidden = new HashSet<>();
    // Highest count first; ties: smaller left id, then smaller right id (total order =>
    // deterministic pops).
    private final PriorityQueue<long[]> queue =
        new PriorityQueue<>(
            Comparator.<long[]>comparingLong(e -> -e[0])
                .thenComparingLong(e -> e[1])
                .thenComparingLong(e -> e[2]));

    Run(Map<String, Long> wordCounts) {
      addToken(BOS_TOKEN);
      addToken(EOS_TOKEN);
      for (int b = 0; b < ByteLevelAlphabet.SIZE; b++) {
        addToken(String.valueOf(ByteLevelAlphabet.charOf(b)));
      }
      words = new int[wordCounts.size()][];
      counts = new long[wordCounts.size()];
      int w = 0;
      for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
        String word = e.getKey();
        int[] symbols = new int[word.length()];
        for (int i = 0; i < word.length(); i++) {
          symbols[i] = FIRST_BYTE_ID + ByteLevelAlphabet.byteOf(word.charAt(i));
        }
        words[w] = symbols;
        counts[w] = e.getValue();
        addPairs(w, new HashSet<>());
        w++;
      }
      for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
        push(e.getKey(), e.getValue());
      }
    }

    BpeVocabulary learn() {
      while (tokens.size() < vocabSize) {
        long[] best = popBest();
        if (best == null || best[0] < minFrequency) {
          break;
        }
        int left = (int) best[1];
        int right = (int) best[2];
        String merged = tokens.get(left) + tokens.get(right);
        long key = key(left, right);
        if (merged.equals(BOS_TOKEN) || merged.equals(EOS_TOKEN)) {
          // A text "<s>" is matched as the special token before BPE runs; never learn it as a word
          // piece.
          forbidden.add(key);
          continue;
        }
        // Two merge paths can spell the same string ("ab"+"c", "a"+"bc"): reuse the id, as HF's
        // trainer does.
        int mergedId = idOf.containsKey(merged) ? idOf.get(merged) : addToken(merged);
        merges.add(new Merge(tokens.get(left), tokens.get(right)));
        applyMerge(key, left, right, mergedId);
      }
      return new BpeVocabulary(tokens, merges, BOS_TOKEN, EOS_TOKEN);
    }

    private long[] popBest() {
      while (!queue.isEmpty()) {
        long[] top = queue.poll();
        long key = key((int) top[1], (int) top[2]);
        Long current = pairCounts.get(key);
        if (current != null && current == top[0] && !forbidden.contains(key)) {
          return top;
        }
      }
      return null;
    }

    private void applyMerge(long key, int left, int right, int mergedId) {
      Set<Integer> candidates = pairWords.remove(key);
      if (candidates == null) {
        return;
      }
      Set<Long> changed = new HashSet<>();
      for (int w : candidates) {
        int[] old = words[w];
        if (!contains(old, left, right)) {
          continue; // stale index entry: an earlier merge already consumed the pair in this word
        }
        removePairs(w, changed);
        words[w] = merge(old, left, right, mergedId);
        addPairs(w, changed);
      }
      for (long k : changed) {
        Long c = pairCounts.get(k);
        if (c != null) {
          push(k, c);
        }
      }
    }

    private void addPairs(int w, Set<Long> changed) {
      int[] s = words[w];
      for (int i = 0; i + 1 < s.length; i++) {
        long k = key(s[i], s[i + 1]);
        pairCounts.merge(k, counts[w], Long::sum);
        pairWords.computeIfAbsent(k, x -> new HashSet<>()).add(w);
        changed.add(k);
      }
    }

    private void removePairs(int w, Set<Long> changed) {
      int[] s = words[w];
      for (int i = 0; i + 1 < s.length; i++) {
        long k = key(s[i], s[i + 1]);
        long c = pairCounts.get(k) - counts[w];
        if (c == 0) {
          pairCounts.remove(k);
        } else {
          pairCounts.put(k, c);
        }
        changed.add(k);
      }
    }

    private int addToken(String token) {
      int id = tokens.size();
      tokens.add(token);
      idOf.put(token, id);
      return id;
    }

    private void push(long key, long count) {
      queue.add(new long[] {count, key >>> 32, key & 0xFFFFFFFFL});
    }
  }

  private static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  private static boolean contains(int[] s, int left, int right) {
    for (int i = 0; i + 1 < s.length; i++) {
      if (s[i] == left && s[i + 1] == right) {
        return true;
      }
    }
    return false;
  }

  /**
   * Left-to-right, non-overlapping replacement of {@code (left, right)} by {@code merged} (HF's
   * order).
   */
  static int[] merge(int[] s, int left, int right, int merged) {
    int[] out = new int[s.length];
    int n = 0;
    for (int i = 0; i < s.length; i++) {
      if (i + 1 < s.length && s[i] == left && s[i + 1] == right) {
        out[n++] = merged;
        i++;
      } else {
        out[n++] = s[i];
      }
    }
    return Arrays.copyOf(out, n);
  }
}
