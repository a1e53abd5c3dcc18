package dev.smallfirst.models.grounding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's company facts, the only source of a reply's company slots ({@code {{Website Name}}},
 * {@code {{Customer Support Phone Number}}}, hours, links, the names of the site's buttons). A JSON
 * file: a {@code default} section every tenant gets and per-tenant overrides:
 *
 * <pre>{@code
 * {"default": {"Website Name": "shop.example.com", "Customer Support Phone Number": "+1 555 0100"},
 *  "tenants": {"acme": {"Website Name": "acme.example"}}}
 * }</pre>
 *
 * Keys are slot names as they appear between the braces; values are non-empty strings without
 * braces. Entity slots ({@code ORDER_ID}, upper snake case) are refused: order numbers, amounts,
 * names and dates come only from the message. Immutable and thread-safe.
 */
public final class ReplyKit {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A kit with no facts: every company slot is unfillable (the draft escalates). */
  public static final ReplyKit EMPTY = new ReplyKit(Map.of(), Map.of());

  private final Map<String, String> defaults;
  private final Map<String, Map<String, String>> tenants;

  private ReplyKit(Map<String, String> defaults, Map<String, Map<String, String>> tenants) {
    this.defaults = Map.copyOf(defaults);
    this.tenants = Map.copyOf(tenants);
  }

  /** A kit of {@code defaults} for every tenant and {@code tenants}' overrides. */
  public static ReplyKit of(
      Map<String, String> defaults, Map<String, Map<String, String>> tenants) {
    Map<String, Map<String, String>> copy = new HashMap<>();
    tenants.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    return new ReplyKit(defaults, copy);
  }

  /**
   * Reads and validates a kit file.
   *
   * @throws IllegalArgumentException naming the file and the bad key
   */
  public static ReplyKit read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "reply kit " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("reply kit " + file + " must hold a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("default") && !key.equals("tenants")) {
        throw bad(file, key, "is not a section; a kit has 'default' and 'tenants'");
      }
    }
    Map<String, String> defaults = section(file, "default", root.get("default"));
    Map<String, Map<String, String>> tenants = new TreeMap<>();
    JsonNode t = root.get("tenants");
    if (t != null && !t.isNull()) {
      if (!t.isObject()) {
        throw bad(file, "tenants", "must be an object of tenant id to facts");
      }
      t.fields()
          .forEachRemaining(
              e -> tenants.put(e.getKey(), section(file, "tenants." + e.getKey(), e.getValue())));
    }
    return new ReplyKit(defaults, tenants);
  }

  /** The facts {@code tenant} gets: the defaults, overridden by its own. */
  public Map<String, String> forTenant(String tenant) {
    Map<String, String> own = tenants.get(tenant);
    if (own == null) {
      return defaults;
    }
    Map<String, String> merged = new HashMap<>(defaults);
    merged.putAll(own);
    return merged;
  }

  /** Every fact of every tenant, for grounding checks (a kit value is not an invented id). */
  public String allValues() {
    StringBuilder b = new StringBuilder();
    defaults.values().forEach(v -> b.append(v).append('\n'));
    tenants.values().forEach(m -> m.values().forEach(v -> b.append(v).append('\n')));
    return b.toString();
  }

  private static Map<String, String> section(Path file, String where, JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw bad(file, where, "must be an object of slot name to text");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = where + "." + e.getKey();
      if (Slots.isEntitySlot(e.getKey())) {
        throw bad(
            file,
            key,
            "is an entity slot; order numbers, amounts, names and dates come only from"
                + " the message");
      }
      if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
        throw bad(file, key, "must be a non-empty string");
      }
      if (e.getValue().asText().contains("{{") || e.getValue().asText().contains("}}")) {
        throw bad(file, key, "must not contain a {{slot}}");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static IllegalArgumentException bad(Path file, String key, String problem) {
    return new IllegalArgumentException("reply kit " + file + ": key '" + key + "' " + problem);
  }
}
