/**
 * Chooses and builds the configured provider's client ({@link
 * dev.smallfirst.frontier.llm.providers.LlmClients}); the only package that knows every provider.
 */
package dev.smallfirst.frontier.llm.providers;
