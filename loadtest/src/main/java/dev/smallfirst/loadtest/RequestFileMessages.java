package dev.smallfirst.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Channel;
import dev.smallfirst.records.Customer;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SupportMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Replays a JSONL file of real requests as {@link SupportMessage}s: one row per line with {@code
 * text} (the request, required) and optionally {@code subject}, {@code channel}, {@code audience}
 * and {@code tier} (the records' symbols, any case), {@code label} (the true intent, kept as the
 * message attribute {@code label}), {@code response} (a reference reply) and {@code spans} (entity
 * spans {@code {start, end, label}} of the text). Label, reference and entities never reach the
 * pipeline but are kept as the row's {@link Truth}, for scoring the replies. The {@code
 * bitext-support} rows read as they are. Rows without a channel, audience or tier are e-mails for
 * an agent from a standard customer. Message {@code i} is row {@code i} (the file again from the
 * top past its end, under new ids). Not thread-safe.
 */
public final class RequestFileMessages implements IntFunction<SupportMessage> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request of the file. */
  record Row(
      String text,
      String subject,
      Channel channel,
      Audience audience,
      CustomerTier tier,
      Truth truth) {}

  /**
   * What a row says the right answer is, where it says it.
   *
   * @param text the request
   * @param label the true intent, or null
   * @param reference a reference reply, or null
   * @param entities the entity values of the request's spans by upper-case type (the first of each
   *     type), empty without spans
   */
  public record Truth(String text, String label, String reference, Map<String, String> entities) {
    public Truth {
      entities = Map.copyOf(entities);
    }
  }

  private final List<Row> rows;
  private final String runId;
  private final String tenantId;
  private final Clock clock;
  private int next;

  private RequestFileMessages(List<Row> rows, String runId, String tenantId, Clock clock) {
    this.rows = rows;
    this.runId = runId;
    this.tenantId = tenantId;
    this.clock = clock;
  }

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file and line of a row that is not a request
   * @throws IOException when the file cannot be read
   */
  public static RequestFileMessages read(Path file, String runId, String tenantId, Clock clock)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          rows.add(row(line, file + ":" + n));
        }
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no request");
    }
    return new RequestFileMessages(List.copyOf(rows), runId, tenantId, clock);
  }

  static Row row(String line, String where) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": not JSON: " + e.getMessage());
    }
    String text = node.path("text").asText("").strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException(where + ": field 'text' (the request) is required");
    }
    return new Row(
        text,
        node.path("subject").asText(""),
        symbol(node, "channel", Channel.class, Channel.EMAIL, where),
        symbol(node, "audience", Audience.class, Audience.AGENT, where),
        symbol(node, "tier", CustomerTier.class, CustomerTier.STANDARD, where),
        new Truth(
            text,
            node.path("label").asText(null),
            node.path("response").isTextual() ? node.get("response").asText() : null,
            spans(node.path("spans"), node.path("text").asText(), where)));
  }

  /** The span values by upper-case type, edge punctuation cut, as the evaluator reads them. */
  private static Map<String, String> spans(JsonNode spans, String text, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode s : spans) {
      int start = s.path("start").asInt(-1);
      int end = s.path("end").asInt(-1);
      if (start < 0 || end <= start || end > text.length() || !s.path("label").isTextual()) {
        throw new IllegalArgumentException(
            where + ": field 'spans' holds a span that is not {start, end, label} within the text");
      }
      String value = text.substring(start, end).replaceAll("^[\\s,.;:!?]+|[\\s,.;:!?]+$", "");
      if (!value.isEmpty()) {
        out.putIfAbsent(s.get("label").asText().toUpperCase(Locale.ROOT), value);
      }
    }
    return out;
  }

  private static <E extends Enum<E>> E symbol(
      JsonNode node, String field, Class<E> type, E fallback, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.asText().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + ": field '" + field + "' is not one of " + List.of(type.getEnumConstants()));
    }
  }

  /** How many requests the file holds. */
  public int size() {
    return rows.size();
  }

  /** True when some row carries a label or a reference reply: the replies can be scored. */
  public boolean scorable() {
    return rows.stream().anyMatch(r -> r.truth().label() != null || r.truth().reference() != null);
  }

  /** What row {@code i} (of the file, again from the top past its end) says is right. */
  public Truth truth(int i) {
    return rows.get(i % rows.size()).truth();
  }

  /** The message of index {@code i}; indexes must be asked for in order 0, 1, 2, .... */
  @Override
  public SupportMessage apply(int i) {
    next = TicketMessages.inOrder(i, next);
    Row r = rows.get(i % rows.size());
    Map<String, String> attributes = new HashMap<>();
    if (r.truth().label() != null) {
      attributes.put("label", r.truth().label());
    }
    String ticket = runId + "-r" + i;
    return SupportMessage.newBuilder()
        .setMessageId(runId + "-" + i)
        .setTicketId(ticket)
        .setTenantId(tenantId)
        .setChannel(r.channel())
        .setCustomer(
            Customer.newBuilder()
                .setCustomerId("C-" + Integer.toHexString(ticket.hashCode()))
                .setTier(r.tier())
                .build())
        .setSubject(r.subject())
        .setBody(r.text())
        .setLanguage("en")
        .setAudience(r.audience())
        .setReceivedAt(Instant.ofEpochMilli(clock.millis()))
        .setAttributes(attributes)
        .build();
  }
}
