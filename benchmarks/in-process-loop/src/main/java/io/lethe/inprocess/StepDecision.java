package io.lethe.inprocess;

import io.lethe.orchestrator.control.ControlDecision;

/**
 * One decision of the controller on a job.
 *
 * @param step the step it was taken at
 * @param decision what it decided, why, and on which values
 */
public record StepDecision(int step, ControlDecision decision) {}
