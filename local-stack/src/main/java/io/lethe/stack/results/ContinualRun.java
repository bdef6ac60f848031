package io.lethe.stack.results;

/**
 * One task of a continual sequence (claim 8) and its job's report.
 *
 * @param method the unlearning method, the same for every task of a sequence
 * @param task the task number, from 1
 * @param run the task's job: step 0 is the model it started from (the target for task 1, the
 *     previous task's result after), its last step the model it hands on
 */
public record ContinualRun(String method, int task, RunRecord run) {}
