/**
 * The {@code reply-bank} draft format: the request is embedded with the pinned sentence encoder,
 * the nearest reply of the tenant's reply bank is taken for each intent the classifier found, and
 * its slots are filled from the message's entities and the tenant's {@link ReplyKit}; a slot that
 * nothing fills, an entity-like string the message lacks or a claimed action makes it escalate.
 */
package dev.smallfirst.models.replybank;
