package dev.smallfirst.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.models.text.DraftInput;
import java.util.ArrayList;
import java.util.List;

/**
 * A draft example: the inputs a draft model sees ({@code text}, {@code intents} or {@code intent},
 * {@code sentiment}, {@code channel}, {@code entities [{type, value}]}), the {@code reference}
 * reply, and optionally the entity values a reply must repeat ({@code required}).
 */
public record DraftExample(DraftInput input, String reference, List<String> required) {

  public DraftExample {
    required = List.copyOf(required);
  }

  /** Parses one line of a draft file (as written by the ticket generator). */
  public static DraftExample parse(JsonNode line) throws JsonlReader.BadLineException {
    String text = JsonlReader.requireText(line, "text");
    String reference = JsonlReader.requireText(line, "reference");
    List<String> intents = new ArrayList<>();
    if (line.path("intents").isArray()) {
      line.get("intents").forEach(n -> intents.add(n.asText()));
    } else if (line.path("intent").isTextual()) {
      intents.add(line.get("intent").asText());
    }
    if (intents.isEmpty()) {
      throw new JsonlReader.BadLineException("missing field \"intents\" (or \"intent\")");
    }
    List<DraftInput.Entity> entities = new ArrayList<>();
    JsonNode arr = line.path("entities");
    if (!arr.isMissingNode() && !arr.isArray()) {
      throw new JsonlReader.BadLineException("field \"entities\" is not an array");
    }
    for (JsonNode e : arr) {
      if (!e.path("type").isTextual() || !e.path("value").isTextual()) {
        throw new JsonlReader.BadLineException("an entity lacks \"type\" or \"value\"");
      }
      entities.add(new DraftInput.Entity(e.get("type").asText(), e.get("value").asText()));
    }
    List<String> required = new ArrayList<>();
    line.path("required").forEach(n -> required.add(n.asText()));
    return new DraftExample(
        new DraftInput(
            text,
            intents,
            line.path("sentiment").asText("neutral"),
            line.path("channel").asText("EMAIL"),
            entities),
        reference,
        required);
  }
}
