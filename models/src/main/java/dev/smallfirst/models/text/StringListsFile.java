package dev.smallfirst.models.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON file of a tokenizer made of string lists: {@code {"type": TYPE, "formatVersion": 1,
 * "key": ["...", ...], ...}}. Stateless.
 */
final class StringListsFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StringListsFile() {}

  /** Writes {@code lists}, in their order, under {@code type}. */
  static void write(Path file, String type, Map<String, List<String>> lists) throws IOException {
    ObjectNode root = JSON.createObjectNode().put("type", type).put("formatVersion", 1);
    lists.forEach((key, values) -> values.forEach(root.putArray(key)::add));
    Files.writeString(file, JSON.writeValueAsString(root));
  }

  /**
   * Reads the lists named {@code keys} (empty when absent) of a file of {@code type}.
   *
   * @throws IOException when the file is unreadable or of another type
   */
  static Map<String, List<String>> read(Path file, String type, String... keys) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !type.equals(root.path("type").asText())) {
      throw new IOException(file + " is not a " + type + " file");
    }
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String key : keys) {
      List<String> values = new ArrayList<>();
      root.path(key).forEach(n -> values.add(n.asText()));
      lists.put(key, values);
    }
    return lists;
  }
}
