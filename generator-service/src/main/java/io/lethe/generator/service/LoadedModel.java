package io.lethe.generator.service;

import ai.djl.Device;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.text.TextTokenizer;
import io.lethe.ml.model.LlamaModel;
import java.util.HashSet;
import java.util.Set;

/**
 * A verified checkpoint ready to evaluate: the weights on their device, the checkpoint's own
 * tokenizer and prompt template, and which ids are special (never published as generated tokens).
 *
 * @param sha256 verified SHA-256 of the weights
 * @param model the weights
 * @param tokenizer the checkpoint's {@code tokenizer.json}
 * @param template the prompt template the checkpoint was trained with
 * @param specialIds special token ids (BOS, EOS, pad and any other special added token)
 */
public record LoadedModel(
    String sha256,
    LlamaModel model,
    TextTokenizer tokenizer,
    PromptTemplate template,
    Set<Integer> specialIds)
    implements AutoCloseable {

  public LoadedModel {
    Set<Integer> all = new HashSet<>(specialIds);
    all.add(tokenizer.bosId());
    all.add(tokenizer.eosId());
    all.addAll(model.config().eosTokenIds());
    specialIds = Set.copyOf(all);
  }

  /** The device the weights are on. */
  public Device device() {
    return model.device();
  }

  /** Releases the native memory of the weights and the tokenizer. */
  @Override
  public void close() {
    try {
      model.close();
    } finally {
      tokenizer.close();
    }
  }
}
