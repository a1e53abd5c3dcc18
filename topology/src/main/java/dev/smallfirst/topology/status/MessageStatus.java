package dev.smallfirst.topology.status;

import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.StageSlot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the status endpoint says about one message, as a JSON-ready map. */
final class MessageStatus {
  private MessageStatus() {}

  static Map<String, Object> inFlight(String messageId, AggregateState state) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messageId", messageId);
    out.put("ticketId", state.getMessage().getTicketId());
    out.put("state", "IN_FLIGHT");
    out.put("phase", state.getPhase().name());
    out.put("startedAt", state.getStartedAt().toString());
    List<Map<String, Object>> stages = state.getSlots().stream().map(MessageStatus::slot).toList();
    out.put("stages", stages);
    out.put("escalationReasons", state.getEscalationReasons().stream().map(Enum::name).toList());
    return out;
  }

  static Map<String, Object> answered(String messageId, Instant at) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messageId", messageId);
    out.put("state", "ANSWERED");
    out.put("answeredAt", at.toString());
    return out;
  }

  static Map<String, Object> unknown(String messageId) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messageId", messageId);
    out.put("state", "UNKNOWN");
    return out;
  }

  private static Map<String, Object> slot(StageSlot s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("stage", s.getStage().name());
    out.put("status", s.getStatus().name());
    out.put("attempt", s.getAttempt());
    out.put("deadline", s.getDeadline().toString());
    if (s.getFailure() != null) {
      out.put("failure", s.getFailure());
    }
    if (s.getResult() != null) {
      out.put(
          "model",
          s.getResult().getModel().getName() + "@" + s.getResult().getModel().getVersion());
    }
    return out;
  }
}
