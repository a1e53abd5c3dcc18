/**
 * Finalize step: builds every reply (small-only, polished, degraded, rejected) with its cost
 * against the all-frontier counterfactual, and finalizes escalated messages with the frontier's
 * answer (the processor {@code finalize-escalations}).
 */
package dev.smallfirst.topology.finalize;
