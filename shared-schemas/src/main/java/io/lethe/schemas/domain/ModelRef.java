package io.lethe.schemas.domain;

/**
 * A checkpoint in the checkpoint store, or a named base configuration to initialise from.
 *
 * @param uri checkpoint directory URI ({@code file:///…}); null when {@code preset} names a fresh
 *     model
 * @param sha256 SHA-256 of {@code model.safetensors}; loaders refuse a file whose hash differs
 * @param preset a model configuration preset ({@code tiny}, {@code micro}) for a randomly
 *     initialised model
 */
public record ModelRef(String uri, String sha256, String preset) {

  /** A stored checkpoint. */
  public static ModelRef checkpoint(String uri, String sha256) {
    return new ModelRef(uri, sha256, null);
  }

  /** A fresh model of a configuration preset. */
  public static ModelRef fresh(String preset) {
    return new ModelRef(null, null, preset);
  }
}
