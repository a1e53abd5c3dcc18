package dev.smallfirst.frontier.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * The ledger topic's value format: a small, versioned JSON object, readable with any Kafka tool.
 *
 * <pre>{@code
 * {"v":1,"instance":"frontier-0","window":"hour","start":"2026-11-23T17:00:00Z","scope":"*",
 *  "spentMicros":7752,"calls":2,"updatedAt":"2026-11-23T17:21:04.120Z"}
 * }</pre>
 */
public final class LedgerCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LedgerCodec() {}

  public static byte[] encode(LedgerEntry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("v", 1);
    n.put("instance", e.instance());
    n.put("window", e.key().window().label());
    n.put("start", e.key().start().toString());
    n.put("scope", e.key().scope());
    n.put("spentMicros", e.spentMicros());
    n.put("calls", e.calls());
    n.put("updatedAt", e.updatedAt().toString());
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e1) {
      throw new IllegalStateException("cannot encode ledger entry " + e, e1);
    }
  }

  /**
   * Decodes a ledger value.
   *
   * @throws IllegalArgumentException when it is not a ledger entry of a known version
   */
  public static LedgerEntry decode(byte[] value) {
    try {
      JsonNode n = JSON.readTree(value);
      if (n == null || n.path("v").asInt() != 1) {
        throw new IllegalArgumentException("not a v1 ledger entry");
      }
      SpendWindow window =
          SpendWindow.valueOf(text(n, "window").toUpperCase(java.util.Locale.ROOT));
      return new LedgerEntry(
          text(n, "instance"),
          new WindowKey(window, Instant.parse(text(n, "start")), text(n, "scope")),
          n.path("spentMicros").asLong(),
          n.path("calls").asLong(),
          Instant.parse(text(n, "updatedAt")));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("undecodable ledger entry: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return v.asText();
  }
}
