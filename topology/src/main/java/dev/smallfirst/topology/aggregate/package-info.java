/**
 * Aggregate step: gathers the workers' results per message, re-requests a retriable failure once,
 * asks for the draft when the analyses are in and hands it to routing; on a wall-clock tick carries
 * on without late stages. Entry point (the processor {@code aggregate-stage-results}): {@link
 * dev.smallfirst.topology.aggregate.StageResultProcessor}.
 */
package dev.smallfirst.topology.aggregate;
