package io.lethe.schemas.domain;

import java.util.List;

/**
 * What the generator produced for one evaluation item.
 *
 * @param index item index within its evaluation set
 * @param question the question asked
 * @param goldAnswer the reference answer
 * @param generated greedy answer text; null in probe evaluations (teacher-forced only)
 * @param generatedTokenIds token ids of the generated answer (token entropy); null in probes
 * @param gold teacher-forced score of the gold answer
 * @param paraphrased score of the paraphrased answer (forget/retain sets) — null where the set has
 *     none
 * @param perturbed scores of the perturbed (wrong) answers
 * @param goldArgmaxMatches per answer position, whether the argmax prediction equals the gold token
 *     (extraction strength, exact memorization)
 * @param meanPredictiveEntropy mean next-token entropy (nats) over the gold answer positions
 */
public record GenerationItem(
    int index,
    String question,
    String goldAnswer,
    String generated,
    List<Integer> generatedTokenIds,
    AnswerScore gold,
    AnswerScore paraphrased,
    List<AnswerScore> perturbed,
    List<Boolean> goldArgmaxMatches,
    Double meanPredictiveEntropy) {}
