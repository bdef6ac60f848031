package io.lethe.schemas.domain;

/**
 * Where numbers came from, so an evaluation can be reproduced or told apart.
 *
 * @param engine ML engine, e.g. {@code PyTorch}
 * @param engineVersion its version, e.g. {@code 2.7.1}
 * @param precision numeric precision, e.g. {@code fp32}
 * @param device {@code cpu} or {@code gpu(0)}
 * @param modelSha256 SHA-256 of the evaluated weights
 * @param letheVersion version of the producing service
 */
public record EnvironmentFingerprint(
    String engine,
    String engineVersion,
    String precision,
    String device,
    String modelSha256,
    String letheVersion) {}
