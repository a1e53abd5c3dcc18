package dev.smallfirst.schemas.stages;

/** Where a stage sits in a message's life and what runs it. */
public enum StageRole {
  /** Run on a small model as soon as a message arrives, in parallel with the other analyses. */
  ANALYSIS,
  /** Run on a small model once every analysis has answered or given up; writes the reply. */
  DRAFT,
  /** Run on the frontier LLM when the routing policy escalates the draft. */
  POLISH;

  /** True when a small-model worker (with its own request and result topics) serves the stage. */
  public boolean smallModel() {
    return this != POLISH;
  }
}
