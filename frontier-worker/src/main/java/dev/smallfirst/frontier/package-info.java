/**
 * The frontier worker: polishes escalated drafts with a frontier LLM, exactly once, within a hard
 * budget, with PII masked and the customer's text treated as untrusted data. Entry points: {@link
 * dev.smallfirst.frontier.FrontierMain} (the deployable) and {@link
 * dev.smallfirst.frontier.FrontierApp} (embedding and tests).
 */
package dev.smallfirst.frontier;
