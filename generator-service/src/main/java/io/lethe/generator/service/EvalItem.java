package io.lethe.generator.service;

import io.lethe.data.QaItem;

/**
 * A row of an evaluation set with its position in the set: the index the evaluator keys per-item
 * values by, unique within (model, set).
 *
 * @param index position of the row in its evaluation set
 * @param row the question, gold, paraphrased and perturbed answers
 */
public record EvalItem(int index, QaItem row) {}
