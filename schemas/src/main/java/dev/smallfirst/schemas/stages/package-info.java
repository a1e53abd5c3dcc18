/**
 * The pipeline's stages defined once: {@link dev.smallfirst.schemas.stages.StageCatalogue} lists
 * every stage with its role, default deadline and small-model cost; {@link
 * dev.smallfirst.schemas.stages.PriceTable} is the one price table (small-model calls, frontier
 * tokens) the topology, the evaluator and the frontier worker share. Adding a stage means: its
 * schema symbol in {@code Stage.avsc}, one catalogue entry, its worker adapter and its processor.
 */
package dev.smallfirst.schemas.stages;
