package dev.smallfirst.frontier.prompt;

/**
 * A rendered prompt and the secrets that let the validator spot template leakage. Immutable.
 *
 * @param system the system instructions
 * @param user the user turn with the delimited, untrusted data
 * @param nonce the random tag of this prompt's data markers (unguessable by the ticket's author)
 * @param canary a token hidden in the instructions; seeing it in a reply means they leaked
 */
public record Prompt(String system, String user, String nonce, String canary) {}
