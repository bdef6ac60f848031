package io.lethe.ml.inference;

/**
 * The continuation generated for one prompt.
 *
 * @param tokens new token ids, without the prompt and without the EOS that ended it
 * @param stoppedAtEos whether an EOS ended the sequence (otherwise the token budget did)
 */
public record Generation(int[] tokens, boolean stoppedAtEos) {}
