package dev.smallfirst.topology.internal;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.StageRequest;

/** Something the aggregate asks the topology to send. */
public sealed interface Effect {

  /** Ask a stage worker for (or again for) its output. */
  record Request(StageRequest request) implements Effect {}

  /** Send the draft to the frontier worker for polish. */
  record Escalate(EscalationRequest request) implements Effect {}

  /** The message is answered: publish the reply; the aggregate is finished. */
  record Reply(DraftedReply reply) implements Effect {}
}
