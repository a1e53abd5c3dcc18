package dev.smallfirst.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Builds the training files of the default models from the real data sets in {@code
 * ../shared/datasets} (when present) and the generated tickets, and says what it used: Bitext's
 * requests (intent, entity spans) for classify and extract, GoEmotions for sentiment, the
 * generator's tickets for all three. A seeded share of each real set is held out (deduplicated
 * against the training rows by normalized text) into {@code *-holdout.jsonl}, so that the shipped
 * models are measured on real text they never trained on. Bitext's lower-case entity labels become
 * the extract stage's upper-case types ({@code order_id} becomes {@code ORDER_ID}); Bitext's
 * categories become the intents' routing groups ({@code label-groups.json}). Bitext's request/reply
 * pairs of each side of the split are written as they are to {@code draft-bitext.jsonl} (the reply
 * bank's) and {@code draft-bitext-holdout.jsonl} (the draft's evaluation set, requests the
 * classifier and tagger never saw either), and {@code draft-bitext-holdout-two.jsonl}: 250
 * two-request messages joined from those held-out pairs ({@link TwoRequests}).
 *
 * <pre>
 * java ... DefaultData DATASETS_DIR GENERATED_DIR OUT_DIR [HOLDOUT_FRACTION] [SEED]
 * </pre>
 */
public final class DefaultData {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Generated tickets that classify and extract learn: the first 6,000, so that Bitext's real
   * requests stay the larger share. Sentiment learns every generated ticket: GoEmotions' Reddit
   * comments say little about how a support request sounds when it is a complaint (a head trained
   * on them alone scored 0.53 on real airline tweets), and support tickets do.
   */
  static final int GENERATED_FOR_INTENTS = 6000;

  /**
   * Two-request messages joined from the held-out draft pairs ({@link TwoRequests}) into {@code
   * draft-bitext-holdout-two.jsonl}: the multi-intent evaluation set on real wording.
   */
  static final int TWO_REQUEST_MESSAGES = 250;

  static final long TWO_REQUEST_SEED = 7;

  private DefaultData() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: DefaultData DATASETS_DIR GENERATED_DIR OUT_DIR [HOLDOUT] [SEED]");
      System.exit(2);
    }
    double holdout = args.length > 3 ? Double.parseDouble(args[3]) : 0.15;
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 20261201L;
    build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), holdout, seed, System.out);
  }

  /** Writes classify, sentiment and extract training and holdout files into {@code out}. */
  static void build(
      Path datasets, Path generated, Path out, double holdout, long seed, PrintStream log)
      throws IOException {
    Files.createDirectories(out);
    Path bitext = datasets.resolve("bitext-support");
    Path goemotions = datasets.resolve("goemotions-sentiment");
    List<JsonNode> requests = new ArrayList<>();
    if (Files.isDirectory(bitext)) {
      requests.addAll(read(bitext.resolve("train.jsonl")));
      requests.addAll(read(bitext.resolve("intents.jsonl")));
      log.printf(
          "using %s: %d intent-labelled requests (%d with entity spans)%n",
          bitext, requests.size(), read(bitext.resolve("train.jsonl")).size());
    } else {
      log.printf(
          "NOT using Bitext: %s is absent; classify and extract learn generated tickets only%n",
          bitext);
    }
    ObjectNode groups = JSON.createObjectNode();
    for (JsonNode r : requests) {
      if (r.hasNonNull("category")) {
        groups.put(r.get("label").asText(), r.get("category").asText().toLowerCase(Locale.ROOT));
      }
    }
    Files.writeString(out.resolve("label-groups.json"), JSON.writeValueAsString(groups) + "\n");
    List<List<JsonNode>> b = split(requests, holdout, seed);
    List<JsonNode> classify = new ArrayList<>();
    List<JsonNode> extract = new ArrayList<>();
    for (JsonNode r : b.get(0)) {
      classify.add(labelled(r.get("text").asText(), r.get("label").asText()));
      if (r.has("spans")) {
        extract.add(spans(r));
      }
    }
    List<JsonNode> classifyHoldout = new ArrayList<>();
    List<JsonNode> extractHoldout = new ArrayList<>();
    for (JsonNode r : b.get(1)) {
      classifyHoldout.add(labelled(r.get("text").asText(), r.get("label").asText()));
      if (r.has("spans")) {
        extractHoldout.add(spans(r));
      }
    }
    List<JsonNode> sentiment = new ArrayList<>();
    List<JsonNode> sentimentHoldout = new ArrayList<>();
    if (Files.isDirectory(goemotions)) {
      List<List<JsonNode>> g = split(read(goemotions.resolve("train.jsonl")), holdout, seed);
      sentiment.addAll(g.get(0));
      sentimentHoldout.addAll(g.get(1));
      log.printf(
          "using %s: %d comments to train on, %d held out%n",
          goemotions, g.get(0).size(), g.get(1).size());
    } else {
      log.printf(
          "NOT using GoEmotions: %s is absent; sentiment learns generated tickets only%n",
          goemotions);
    }
    int gc = add(classify, generated.resolve("classify.jsonl"), GENERATED_FOR_INTENTS);
    int gs = add(sentiment, generated.resolve("sentiment.jsonl"), Integer.MAX_VALUE);
    int ge = add(extract, generated.resolve("extract.jsonl"), GENERATED_FOR_INTENTS);
    log.printf("generated tickets: %d classify, %d sentiment, %d extract rows%n", gc, gs, ge);
    write(out.resolve("classify.jsonl"), shuffled(classify, seed));
    write(out.resolve("sentiment.jsonl"), shuffled(sentiment, seed));
    write(out.resolve("extract.jsonl"), shuffled(extract, seed));
    List<JsonNode> draft = b.get(0).stream().filter(r -> r.has("response")).toList();
    List<JsonNode> draftHoldout = b.get(1).stream().filter(r -> r.has("response")).toList();
    write(out.resolve("draft-bitext.jsonl"), draft);
    write(out.resolve("draft-bitext-holdout.jsonl"), draftHoldout);
    List<JsonNode> two = TwoRequests.join(draftHoldout, TWO_REQUEST_MESSAGES, TWO_REQUEST_SEED);
    write(out.resolve("draft-bitext-holdout-two.jsonl"), two);
    log.printf(
        "draft: %d Bitext request/reply pairs for the reply bank, %d held out (the same rows"
            + " classify and extract never train on), %d two-request messages made of the held-out"
            + " ones%n",
        draft.size(), draftHoldout.size(), two.size());
    write(out.resolve("classify-holdout.jsonl"), classifyHoldout);
    write(out.resolve("extract-holdout.jsonl"), extractHoldout);
    write(out.resolve("sentiment-holdout.jsonl"), sentimentHoldout);
    log.printf(
        "wrote %s: classify %d (+%d real held out), sentiment %d (+%d), extract %d (+%d)%n",
        out,
        classify.size(),
        classifyHoldout.size(),
        sentiment.size(),
        sentimentHoldout.size(),
        extract.size(),
        extractHoldout.size());
  }

  /**
   * (train, holdout): a seeded share held out, and training rows whose text is held out dropped.
   */
  static List<List<JsonNode>> split(List<JsonNode> rows, double fraction, long seed) {
    List<JsonNode> all = shuffled(rows, seed);
    int n = (int) Math.round(all.size() * fraction);
    List<JsonNode> held = new ArrayList<>(all.subList(0, n));
    Set<String> heldTexts = new HashSet<>();
    held.forEach(r -> heldTexts.add(normalize(r.get("text").asText())));
    List<JsonNode> train = new ArrayList<>();
    for (JsonNode r : all.subList(n, all.size())) {
      if (!heldTexts.contains(normalize(r.get("text").asText()))) {
        train.add(r);
      }
    }
    return List.of(train, held);
  }

  private static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  private static ObjectNode labelled(String text, String label) {
    ObjectNode o = JSON.createObjectNode();
    o.put("text", text);
    o.put("label", label);
    return o;
  }

  private static ObjectNode spans(JsonNode r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("text", r.get("text").asText());
    ArrayNode spans = o.putArray("spans");
    for (JsonNode s : r.get("spans")) {
      ObjectNode c = spans.addObject();
      c.put("start", s.get("start").asInt());
      c.put("end", s.get("end").asInt());
      c.put("label", s.get("label").asText().toUpperCase(Locale.ROOT));
    }
    return o;
  }

  private static int add(List<JsonNode> into, Path file, int limit) throws IOException {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    List<JsonNode> rows = read(file);
    rows = rows.subList(0, Math.min(limit, rows.size()));
    into.addAll(rows);
    return rows.size();
  }

  private static List<JsonNode> shuffled(List<JsonNode> rows, long seed) {
    List<JsonNode> copy = new ArrayList<>(rows);
    java.util.Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private static void write(Path file, List<JsonNode> rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (JsonNode r : rows) {
        w.write(JSON.writeValueAsString(r));
        w.newLine();
      }
    }
  }
}
