/**
 * What keeps a drafted reply honest, shared by the draft models and the evaluator: reply-template
 * slots ({@link Slots}), entity-like strings a reply may only repeat from the message ({@link
 * Grounding}), replies that claim an action was done ({@link ClaimDetector}) and how a reference
 * reply with slots is folded before scoring ({@link SlotFolding}).
 */
package dev.smallfirst.models.grounding;
