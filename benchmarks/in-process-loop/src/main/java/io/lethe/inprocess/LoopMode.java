package io.lethe.inprocess;

/** How the in-process loop orders training and evaluation. */
public enum LoopMode {

  /**
   * Train a segment, evaluate its checkpoint, decide, and only then train the next: what a
   * single-process research harness does. No run-ahead, so nothing is trained past a crossing.
   */
  SERIAL(0),

  /**
   * The services' order: the trainer runs one segment ahead of the controller ({@code
   * lethe.control.run-ahead-segments=1}) on its own thread while the previous checkpoint is
   * evaluated on another.
   */
  PIPELINED(1);

  private final int runAheadSegments;

  LoopMode(int runAheadSegments) {
    this.runAheadSegments = runAheadSegments;
  }

  /** Segments the trainer may run ahead of the controller's latest decision. */
  int runAheadSegments() {
    return runAheadSegments;
  }
}
