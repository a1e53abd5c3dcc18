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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Replays a JSONL file of real requests as {@link SupportMessage}s: one row per line with {@code
 * text} (the request, required) and optionally {@code subject}, {@code channel}, {@code audience}
 * and {@code tier} (the records' symbols, any case), and {@code label} (the true intent, kept as
 * the message attribute {@code label}). The {@code bitext-support} rows read as they are. Rows
 * without a channel, audience or tier are e-mails for an agent from a standard customer. Message
 * {@code i} is row {@code i} (the file again from the top past its end, under new ids). Not
 * thread-safe.
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
      String label) {}

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
        node.path("label").asText(null));
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

  /** The message of index {@code i}; indexes must be asked for in order 0, 1, 2, .... */
  @Override
  public SupportMessage apply(int i) {
    next = TicketMessages.inOrder(i, next);
    Row r = rows.get(i % rows.size());
    Map<String, String> attributes = new HashMap<>();
    if (r.label() != null) {
      attributes.put("label", r.label());
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
