package dev.smallfirst.models.replybank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.encoder.Int8Rows;
import dev.smallfirst.models.grounding.ClaimDetector;
import dev.smallfirst.models.grounding.Grounding;
import dev.smallfirst.models.grounding.Slots;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's reply bank: request/reply pairs with the request's embedding, the reply a template
 * with {@code {{slots}}}. On disk, in the model directory:
 *
 * <ul>
 *   <li>{@code bank.jsonl}: one entry per line, {@code {"intent": "track_order", "request": "where
 *       is order 123?", "reply": "Order {{ORDER_ID}} ... on {{Website Name}} ..."}};
 *   <li>{@code embeddings.i8}: the requests' embeddings, one row of {@code dimension} signed bytes
 *       per entry in line order (each row scaled so its largest magnitude is 127; rows are
 *       L2-normalised again when read, so only directions matter).
 * </ul>
 *
 * A reply may hold no entity-like literal (a number of three or more digits, an amount, an e-mail
 * address): those come only from the message, through entity slots. Entries whose reply claims an
 * action ({@link ClaimDetector}) load but are never sent. Immutable and thread-safe.
 */
public final class ReplyBank {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One entry; {@code claims} is set when the reply claims an action was done. */
  public record Entry(String intent, String request, String reply, boolean claims) {}

  private final List<Entry> entries;
  private final float[][] embeddings;
  private final Map<String, int[]> byIntent;

  /** A bank of {@code entries} with their L2-normalised {@code embeddings} (same order). */
  public ReplyBank(List<Entry> entries, float[][] embeddings) {
    if (entries.size() != embeddings.length) {
      throw new IllegalArgumentException(
          entries.size() + " entries but " + embeddings.length + " embeddings");
    }
    this.entries = List.copyOf(entries);
    this.embeddings = embeddings.clone();
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      groups.computeIfAbsent(entries.get(i).intent(), k -> new ArrayList<>()).add(i);
    }
    Map<String, int[]> idx = new LinkedHashMap<>();
    groups.forEach((k, v) -> idx.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    this.byIntent = Map.copyOf(idx);
  }

  /** The entries, in file order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Entry {@code i}'s embedding (do not modify). */
  float[] embedding(int i) {
    return embeddings[i];
  }

  /** The indices of {@code intent}'s entries; empty for an intent the bank does not know. */
  int[] indicesOf(String intent) {
    return intent == null ? new int[0] : byIntent.getOrDefault(intent, new int[0]);
  }

  /** The intents the bank has replies for. */
  public List<String> intents() {
    return List.copyOf(byIntent.keySet());
  }

  /**
   * Reads and validates {@code bank} and {@code embeddings}.
   *
   * @throws ModelLoadException naming the file, the line and what is wrong with it
   */
  public static ReplyBank read(Path bank, Path embeddingFile, int dimension) {
    List<Entry> entries = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(bank, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelLoadException("reply bank " + bank + " cannot be read: " + e, e);
    }
    for (int n = 0; n < lines.size(); n++) {
      if (!lines.get(n).isBlank()) {
        entries.add(entry(bank, n + 1, lines.get(n)));
      }
    }
    if (entries.isEmpty()) {
      throw new ModelLoadException("reply bank " + bank + " has no entries");
    }
    float[][] emb =
        Int8Rows.read(embeddingFile, entries.size(), dimension, "reply bank embeddings");
    return new ReplyBank(entries, emb);
  }

  /** Writes {@code entries} and their embeddings in the bank's format. */
  public static void write(Path dir, List<Entry> entries, float[][] embeddings) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("bank.jsonl"))) {
      for (Entry e : entries) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("intent", e.intent());
        line.put("request", e.request());
        line.put("reply", e.reply());
        w.write(JSON.writeValueAsString(line));
        w.newLine();
      }
    }
    Int8Rows.write(dir.resolve("embeddings.i8"), embeddings);
  }

  private static Entry entry(Path bank, int line, String text) {
    String where = "reply bank " + bank + " line " + line;
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      throw new ModelLoadException(where + " is not JSON: " + e.getMessage(), e);
    }
    for (String field : List.of("intent", "request", "reply")) {
      if (n == null || !n.path(field).isTextual() || n.get(field).asText().isBlank()) {
        throw new ModelLoadException(where + ": field '" + field + "' must be a non-empty string");
      }
    }
    String reply = n.get("reply").asText();
    if (!Slots.wellFormed(reply)) {
      throw new ModelLoadException(where + ": field 'reply' has a malformed {{slot}}");
    }
    java.util.regex.Matcher slot = Slots.SLOT.matcher(reply);
    while (slot.find()) {
      boolean before =
          slot.start() > 0 && Character.isLetterOrDigit(reply.charAt(slot.start() - 1));
      boolean after =
          slot.end() < reply.length() && Character.isLetterOrDigit(reply.charAt(slot.end()));
      if ((before || after) && Slots.isEntitySlot(slot.group(1))) {
        String around =
            reply.substring(
                Math.max(0, slot.start() - 3), Math.min(reply.length(), slot.end() + 3));
        throw new ModelLoadException(
            where
                + ": field 'reply' runs entity slot "
                + slot.group()
                + " into a word ('"
                + around
                + "'): a customer's value would be glued to it; put the slot where the whole"
                + " value goes");
      }
    }
    List<String> literal = Grounding.entityLike(Slots.SLOT.matcher(reply).replaceAll(" "));
    if (!literal.isEmpty()) {
      throw new ModelLoadException(
          where
              + ": field 'reply' holds "
              + literal
              + "; ids, amounts and addresses come only from the message: use an entity slot"
              + " such as {{ORDER_ID}}");
    }
    return new Entry(
        n.get("intent").asText(), n.get("request").asText(), reply, ClaimDetector.claims(reply));
  }
}
