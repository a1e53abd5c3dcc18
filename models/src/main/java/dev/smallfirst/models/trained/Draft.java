package dev.smallfirst.models.trained;

/**
 * A drafted reply.
 *
 * @param text the reply, entities filled in from the input
 * @param confidence mean probability of the generated tokens, in [0, 1]
 * @param tokens number of generated tokens (without the end marker)
 * @param escalate whether {@code confidence} is below the model's threshold, or the reply hit the
 *     length limit without ending
 * @param complete whether generation stopped at the end marker (false: cut at the length limit)
 */
public record Draft(
    String text, double confidence, int tokens, boolean escalate, boolean complete) {}
