/**
 * {@code smallfirst compare}: one eval for both tiers. The small model (through the models SPI) and
 * the frontier model (through the frontier worker's own client, prompt, resilience and budget
 * guard) answer the same examples; both are scored with the evaluator's metrics, priced from
 * reported token usage, and the threshold sweep mixes the frontier's measured answers. The
 * recommended threshold is written as a routing policy ({@code policy publish} accepts it).
 */
package dev.smallfirst.compare;
