/**
 * Cost accounting of replies: small-model calls and the all-frontier counterfactual, priced from
 * the shared {@code dev.smallfirst.schemas.stages.PriceTable}.
 */
package dev.smallfirst.topology.cost;
