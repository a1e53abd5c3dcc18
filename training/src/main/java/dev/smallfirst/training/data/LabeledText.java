package dev.smallfirst.training.data;

import com.fasterxml.jackson.databind.JsonNode;

/** A classification example: {@code {"text": "...", "label": "..."}}. */
public record LabeledText(String text, String label) {

  /** Parses one line of a classification file. */
  public static LabeledText parse(JsonNode line) throws JsonlReader.BadLineException {
    return new LabeledText(
        JsonlReader.requireText(line, "text"), JsonlReader.requireText(line, "label").strip());
  }
}
