package io.lethe.data.text;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a byte-level BPE training run learned: the token strings in id order (special tokens, the
 * 256 byte characters, then one token per new merge result) and the merges in rank order — exactly
 * the {@code vocab} and {@code merges} of a Hugging Face BPE {@code tokenizer.json}.
 *
 * @param tokens token strings; the index is the token id
 * @param merges merge rules, highest priority first
 * @param bosToken the beginning-of-sequence special token (also in {@code tokens})
 * @param eosToken the end-of-sequence special token (also in {@code tokens}; doubles as padding)
 */
public record BpeVocabulary(
    List<String> tokens, List<Merge> merges, String bosToken, String eosToken) {

  /** One BPE merge rule: the adjacent pair {@code left right} becomes {@code left + right}. */
  public record Merge(String left, String right) {

    /** The token the pair merges into. */
    public String merged() {
      return left + right;
    }
  }

  public BpeVocabulary {
    tokens = List.copyOf(tokens);
    merges = List.copyOf(merges);
    Set<String> unique = new HashSet<>(tokens);
    if (unique.size() != tokens.size()) {
      throw new IllegalArgumentException("token strings must be unique");
    }
    if (!unique.contains(bosToken) || !unique.contains(eosToken)) {
      throw new IllegalArgumentException("BOS and EOS must be part of the vocabulary");
    }
    for (Merge m : merges) {
      if (!unique.contains(m.left())
          || !unique.contains(m.right())
          || !unique.contains(m.merged())) {
        throw new IllegalArgumentException("merge uses an unknown token: " + m);
      }
    }
  }

  /** Number of tokens including the special tokens. */
  public int size() {
    return tokens.size();
  }

  /** Id of the BOS token. */
  public int bosId() {
    return tokens.indexOf(bosToken);
  }

  /** Id of the EOS token. */
  public int eosId() {
    return tokens.indexOf(eosToken);
  }
}
