package dev.smallfirst.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes generated tickets as the per-stage JSON Lines files the trainer and evaluator read: {@code
 * classify.jsonl} ({@code text, label}), {@code sentiment.jsonl}, {@code extract.jsonl} ({@code
 * text, spans}), {@code draft.jsonl} (ticket fields plus {@code reference}), {@code tickets.jsonl}
 * (everything) and {@code label-groups.json} (each intent's category, {@code {"get_refund":
 * "refund", ...}}, for the trainer's {@code --label-groups}). Stateless.
 */
public final class TicketDatasets {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TicketDatasets() {}

  /** Writes the six files for {@code tickets} into {@code dir} (created when missing). */
  public static void write(List<Ticket> tickets, Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectNode groups = JSON.createObjectNode();
    Intent.groups().forEach(groups::put);
    Files.writeString(
        dir.resolve("label-groups.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(groups) + "\n",
        StandardCharsets.UTF_8);
    try (BufferedWriter classify = writer(dir, "classify.jsonl");
        BufferedWriter sentiment = writer(dir, "sentiment.jsonl");
        BufferedWriter extract = writer(dir, "extract.jsonl");
        BufferedWriter draft = writer(dir, "draft.jsonl");
        BufferedWriter all = writer(dir, "tickets.jsonl")) {
      for (Ticket t : tickets) {
        line(classify, JSON.createObjectNode().put("text", t.body()).put("label", t.label()));
        line(
            sentiment,
            JSON.createObjectNode().put("text", t.body()).put("label", t.sentiment().label()));
        ObjectNode ex = JSON.createObjectNode().put("text", t.body());
        ex.set("spans", spans(t));
        line(extract, ex);
        line(draft, draftLine(t));
        ObjectNode full = draftLine(t);
        full.put("id", t.id())
            .put("audience", t.audience().name())
            .put("tier", t.tier().name())
            .put("subject", t.subject());
        line(all, full);
      }
    }
  }

  /** The draft-stage line of a ticket: the inputs a draft model sees plus the reference. */
  public static ObjectNode draftLine(Ticket t) {
    ObjectNode o = JSON.createObjectNode().put("text", t.body()).put("intent", t.label());
    ArrayNode intents = o.putArray("intents");
    t.intents().forEach(intents::add);
    o.put("sentiment", t.sentiment().label()).put("channel", t.channel().name());
    ArrayNode entities = o.putArray("entities");
    for (Entity e : t.entities()) {
      entities
          .addObject()
          .put("type", e.type().name())
          .put("value", e.value())
          .put("start", e.start())
          .put("end", e.end());
    }
    o.put("reference", t.reference());
    ArrayNode required = o.putArray("required");
    t.requiredEntities().forEach(required::add);
    return o;
  }

  private static ArrayNode spans(Ticket t) {
    ArrayNode spans = JSON.createArrayNode();
    for (Entity e : t.entities()) {
      spans.addObject().put("start", e.start()).put("end", e.end()).put("label", e.type().name());
    }
    return spans;
  }

  private static BufferedWriter writer(Path dir, String name) throws IOException {
    return Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
  }

  private static void line(BufferedWriter w, ObjectNode node) throws IOException {
    w.write(JSON.writeValueAsString(node));
    w.newLine();
  }
}
