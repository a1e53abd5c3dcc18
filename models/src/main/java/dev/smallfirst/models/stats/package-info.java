/**
 * Statistics shared by the evaluator ({@code training}) and the demo's quality section: percentile
 * bootstrap confidence intervals ({@link Bootstrap}). Pure Java, no model code.
 */
package dev.smallfirst.models.stats;
