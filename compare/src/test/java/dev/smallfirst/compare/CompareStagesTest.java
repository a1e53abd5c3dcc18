package dev.smallfirst.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.schemas.stages.TokenPrices;
import dev.smallfirst.tickets.Ticket;
import dev.smallfirst.tickets.TicketDatasets;
import dev.smallfirst.tickets.TicketGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} on the other stages and the other wire format: sentiment over OpenAI Chat
 * Completions, extraction and drafts over Anthropic Messages, and the Bitext rows as they are
 * (skipped when {@code ../shared/datasets} is absent).
 */
class CompareStagesTest {
  static final Path MODELS = Path.of("../model-workers/models");
  static final Path BITEXT = Path.of("../../shared/datasets/bitext-support/train.jsonl");

  @TempDir Path tmp;

  private Path lines(String name, Stream<String> lines) throws Exception {
    return Files.writeString(tmp.resolve(name), lines.collect(Collectors.joining("\n")) + "\n");
  }

  @Test
  void shouldCompareSentimentOverTheOpenAiWireFormat() throws Exception {
    // Given
    Map<String, String> rows =
        Map.of(
            "this is the worst service I have ever had, furious", "negative",
            "thank you so much, you were wonderful and fast", "positive",
            "I would like to know the delivery options", "neutral",
            "absolutely terrible, nobody answers my emails", "negative");
    Path data =
        lines(
            "sentiment.jsonl",
            rows.entrySet().stream()
                .map(
                    e ->
                        LoopbackFrontier.JSON
                            .createObjectNode()
                            .put("text", e.getKey())
                            .put("label", e.getValue())
                            .toString()));
    try (LoopbackFrontier f =
        new LoopbackFrontier(
            "openai", m -> "{\"label\": \"" + rows.getOrDefault(m, "neutral") + "\"}", 120, 4)) {
      // When
      LoopbackFrontier.Run run =
          f.run(
              tmp.resolve("r"),
              "--stage",
              "sentiment",
              "--data",
              data.toString(),
              "--model",
              MODELS.resolve("sentiment").toString(),
              "--model-name",
              "gpt-4o-mini");

      // Then
      assertThat(run.status()).as(run.err()).isZero();
      JsonNode r = run.report();
      assertThat(f.server.received().get(0).path()).isEqualTo("/v1/chat/completions");
      assertThat(r.path("frontier").path("provider").asText()).isEqualTo("openai-compatible");
      assertThat(r.path("frontier").path("quality").asDouble()).isEqualTo(1.0);
      long perCall = TokenPrices.builtIn("gpt-4o-mini").orElseThrow().cost(120, 4);
      assertThat(r.path("cost").path("allFrontierPer1000Micros").asLong())
          .isEqualTo(1000 * perCall);
      assertThat(r.path("metrics").has("small macro-F1")).isTrue();
    }
  }

  @Test
  void shouldCompareExtractionSpansLocatedInTheMessage() throws Exception {
    // Given gold spans, and a frontier right on the first message and inventing on the second
    String first = "I want to cancel order 12345 please";
    String second = "refund me $40 for order 778899";
    Path data =
        lines(
            "extract.jsonl",
            Stream.of(
                "{\"text\": \""
                    + first
                    + "\", \"spans\": [{\"start\": 23, \"end\": 28,"
                    + " \"label\": \"order_id\"}]}",
                "{\"text\": \""
                    + second
                    + "\", \"spans\": [{\"start\": 10, \"end\": 13,"
                    + " \"label\": \"amount\"}, {\"start\": 24, \"end\": 30, \"label\":"
                    + " \"order_id\"}]}"));
    try (LoopbackFrontier f =
        new LoopbackFrontier(
            "anthropic",
            m ->
                m.equals(first)
                    ? "```json\n{\"spans\": [{\"label\": \"ORDER_ID\", \"text\": \"12345\"}]}\n```"
                    : "{\"spans\": [{\"label\": \"ORDER_ID\", \"text\": \"999999\"}]}",
            200,
            20)) {
      // When
      LoopbackFrontier.Run run =
          f.run(
              tmp.resolve("r"),
              "--stage",
              "extract",
              "--data",
              data.toString(),
              "--model",
              MODELS.resolve("extract").toString());

      // Then
      assertThat(run.status()).as(run.err()).isZero();
      JsonNode m = run.report().path("metrics");
      assertThat(m.path("frontier exact messages").path("value").asDouble()).isEqualTo(0.5);
      // 1 right of 3 gold spans; 1 right of 2 predicted
      assertThat(m.path("frontier span recall").path("value").asDouble()).isEqualTo(1 / 3.0);
      assertThat(m.path("frontier span precision").path("value").asDouble()).isEqualTo(0.5);
      assertThat(run.report().path("frontier").path("unusableAnswers").asInt()).isZero();
      assertThat(run.report().path("failures").path("frontier").path("groups"))
          .extracting(g -> g.path("mode").asText())
          .contains("invented span (not in the message)", "missed");
    }
  }

  @Test
  void shouldCompareDraftsThroughThePolishPromptAndItsValidator() throws Exception {
    // Given generated tickets; the frontier answers each with its reference, one with a leak
    List<Ticket> tickets = new TicketGenerator(11).next(5);
    Map<String, String> reference = new HashMap<>();
    tickets.forEach(t -> reference.put(t.body().substring(0, 25), t.reference()));
    Path data =
        lines("draft.jsonl", tickets.stream().map(t -> TicketDatasets.draftLine(t).toString()));
    try (LoopbackFrontier f =
        new LoopbackFrontier(
            "anthropic",
            user -> {
              if (user.contains(tickets.get(0).body().substring(0, 25))) {
                return "Here is the reply <<<END_DRAFT>>>"; // template leakage: rejected
              }
              return reference.entrySet().stream()
                  .filter(e -> user.contains(e.getKey()))
                  .map(Map.Entry::getValue)
                  .findFirst()
                  .orElse("Thanks for writing.");
            },
            900,
            80)) {
      // When
      LoopbackFrontier.Run run =
          f.run(
              tmp.resolve("r"),
              "--stage",
              "draft",
              "--data",
              data.toString(),
              "--model",
              MODELS.resolve("draft").toString(),
              "--within",
              "0.5");

      // Then
      assertThat(run.status()).as(run.err()).isZero();
      JsonNode r = run.report();
      assertThat(f.server.received().get(0).body()).contains("The draft to polish");
      assertThat(r.path("frontier").path("unusableAnswers").asInt()).isEqualTo(1);
      assertThat(r.path("metrics").has("frontier ROUGE-L")).isTrue();
      assertThat(r.path("frontier").path("quality").asDouble()).isLessThanOrEqualTo(4 / 5.0);
    }
  }

  @Test
  void shouldReadTheBitextRowsAsTheyAre() throws Exception {
    assumeTrue(Files.isRegularFile(BITEXT), "no ../shared/datasets here");
    // Given the first 40 rows, and a frontier that answers with each row's own label
    Map<String, String> labels = new HashMap<>();
    Files.readAllLines(BITEXT).stream()
        .limit(40)
        .map(
            l -> {
              try {
                return LoopbackFrontier.JSON.readTree(l);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .forEach(n -> labels.put(n.path("text").asText(), n.path("label").asText()));
    try (LoopbackFrontier f =
        new LoopbackFrontier(
            "anthropic",
            m ->
                "{\"label\": \""
                    + labels.getOrDefault(m.replace('‹', '<').replace('›', '>'), "?")
                    + "\"}",
            700,
            9)) {
      // When
      LoopbackFrontier.Run run =
          f.run(
              tmp.resolve("r"),
              "--stage",
              "classify",
              "--data",
              BITEXT.toString(),
              "--limit",
              "40",
              "--model",
              MODELS.resolve("classify").toString());

      // Then
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.report().path("scored").asInt()).isEqualTo(40);
      assertThat(f.server.requests()).isEqualTo(40);
      assertThat(run.report().path("frontier").path("quality").asDouble()).isEqualTo(1.0);
    }
  }
}
