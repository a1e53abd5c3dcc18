package dev.smallfirst.eval;

/** How much an error hurts if it reaches a customer, worst first. */
public enum Severity {
  /** Reaches the customer and is wrong in a way that routes or answers differently. */
  SEVERE,
  /** Reaches the customer but stays close (a near-synonym, a boundary off by a word). */
  MINOR,
  /** Wrong, but the low confidence escalated it, so the frontier model handles it. */
  CAUGHT,
  /** Right, but escalated anyway: costs money, not quality. */
  COST
}
