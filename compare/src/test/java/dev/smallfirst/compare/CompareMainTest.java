package dev.smallfirst.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.smallfirst.schemas.stages.TokenPrices;
import dev.smallfirst.topology.routing.ModelPolicy;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.PolicyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} on a small classify set against the loopback provider speaking the Anthropic
 * Messages wire format: both tiers scored, the cost exact, the cache hit on re-run, the spend limit
 * enforced, a malformed answer counted as a failure, the policy accepted by the topology's parser.
 */
class CompareMainTest {
  static final Path CLASSIFY = Path.of("../model-workers/models/classify");

  /** Eight messages with labels of the shipped classify model. */
  static final Map<String, String> ROWS = new LinkedHashMap<>();

  static {
    ROWS.put("I want to cancel order 12345 right now", "cancel_order");
    ROWS.put("where is my package, I ordered it last week", "track_order");
    ROWS.put("I would like to get my money back for the broken kettle", "get_refund");
    ROWS.put("how do I reset my password, I forgot it", "recover_password");
    ROWS.put("I need a copy of the invoice for my last purchase", "get_invoice");
    ROWS.put("can I change the delivery address of my order", "change_shipping_address");
    ROWS.put("I want to talk to a real person please", "contact_human_agent");
    ROWS.put("please delete my account and all my data", "delete_account");
  }

  /** Claude Sonnet 4's list price, as the price table has it. */
  static final TokenPrices SONNET = TokenPrices.builtIn("claude-sonnet-4-5").orElseThrow();

  @TempDir Path tmp;

  Path data() throws Exception {
    StringBuilder b = new StringBuilder();
    ROWS.forEach(
        (text, label) ->
            b.append(
                    LoopbackFrontier.JSON
                        .createObjectNode()
                        .put("text", text)
                        .put("label", label)
                        .toString())
                .append('\n'));
    return Files.writeString(tmp.resolve("val.jsonl"), b.toString());
  }

  static String gold(String message) {
    return "{\"label\": \"" + ROWS.getOrDefault(message, "complaint") + "\"}";
  }

  LoopbackFrontier.Run classify(LoopbackFrontier f, String report, String... more)
      throws Exception {
    String[] base = {
      "--stage",
      "classify",
      "--data",
      data().toString(),
      "--model",
      CLASSIFY.toString(),
      "--model-name",
      "claude-sonnet-4-5",
      "--concurrency",
      "1"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return f.run(tmp.resolve(report), args);
  }

  @Test
  void shouldScoreBothTiersOnTheSameExamplesAndPriceTheFrontierFromReportedUsage()
      throws Exception {
    // Given a frontier that answers every message right, reporting 812 input and 9 output tokens
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 812, 9)) {
      // When
      LoopbackFrontier.Run run = classify(f, "r");

      // Then
      assertThat(run.status()).as(run.err()).isZero();
      JsonNode r = run.report();
      assertThat(r.path("scored").asInt()).isEqualTo(8);
      assertThat(r.path("frontier").path("quality").asDouble()).isEqualTo(1.0);
      assertThat(r.path("frontier").path("calls").asInt()).isEqualTo(8);
      assertThat(f.server.requests()).isEqualTo(8);
      JsonNode metrics = r.path("metrics");
      for (String m : new String[] {"small accuracy", "frontier accuracy", "small macro-F1"}) {
        JsonNode v = metrics.path(m);
        assertThat(v.path("low").asDouble()).isLessThanOrEqualTo(v.path("value").asDouble());
        assertThat(v.path("high").asDouble()).isGreaterThanOrEqualTo(v.path("value").asDouble());
      }
      assertThat(metrics.path("small accuracy").path("value").asDouble())
          .isEqualTo(r.path("small").path("quality").asDouble());
      long perCall = SONNET.cost(812, 9); // 2,436 + 135 = 2,571 micro-dollars
      assertThat(perCall).isEqualTo(2_571);
      assertThat(r.path("cost").path("allFrontierPer1000Micros").asLong())
          .isEqualTo(1000 * perCall);
      assertThat(r.path("frontier").path("spentMicros").asLong()).isEqualTo(8 * perCall);
      assertThat(r.path("cost").path("smallOnlyPer1000Micros").asLong())
          .isEqualTo(1000 * r.path("cost").path("smallCallMicros").asLong());
      JsonNode everything = r.path("sweep").get(r.path("sweep").size() - 1);
      assertThat(everything.path("escalationRate").asDouble()).isEqualTo(1.0);
      assertThat(everything.path("mixedQuality").asDouble()).isEqualTo(1.0);
      assertThat(everything.path("costPer1000Micros").asLong())
          .isEqualTo(1000 * (perCall + r.path("cost").path("smallCallMicros").asLong()));
      assertThat(tmp.resolve("r/index.html")).content().contains("Small vs frontier: classify");
    }
  }

  @Test
  void shouldAnswerFromTheCacheOnReRunWithoutCallingTheProvider() throws Exception {
    // Given a first run that filled the cache
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 500, 10)) {
      String cache = tmp.resolve("cache").toString();
      LoopbackFrontier.Run first = classify(f, "first", "--frontier-cache", cache);
      int callsBefore = f.server.requests();

      // When
      LoopbackFrontier.Run second = classify(f, "second", "--frontier-cache", cache);

      // Then
      assertThat(second.status()).as(second.err()).isZero();
      assertThat(callsBefore).isEqualTo(8);
      assertThat(f.server.requests()).isEqualTo(callsBefore);
      assertThat(second.report().path("frontier").path("calls").asInt()).isZero();
      assertThat(second.report().path("frontier").path("cacheHits").asInt()).isEqualTo(8);
      assertThat(second.report().path("frontier").path("spentMicros").asLong()).isZero();
      assertThat(second.report().path("cost")).isEqualTo(first.report().path("cost"));
      assertThat(second.report().path("metrics")).isEqualTo(first.report().path("metrics"));
    }
  }

  @Test
  void shouldStopCallingAtTheSpendLimitAndReportTheExamplesNotScored() throws Exception {
    // Given a limit of one cent: a call reserves its worst case (input estimate + 512 output
    // tokens, about 8,000 micro-dollars) and books 2,571
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 812, 9)) {
      // When
      LoopbackFrontier.Run run = classify(f, "r", "--max-spend", "0.01");

      // Then
      assertThat(run.status()).as(run.err()).isZero();
      JsonNode r = run.report();
      int scored = r.path("scored").asInt();
      assertThat(scored).isBetween(1, 7);
      assertThat(r.path("notScored").asInt()).isEqualTo(8 - scored);
      assertThat(r.path("notScoredExamples")).hasSize(8 - scored);
      assertThat(f.server.requests()).isEqualTo(scored);
      assertThat(r.path("frontier").path("stoppedBySpendLimit").asBoolean()).isTrue();
      assertThat(r.path("frontier").path("spentMicros").asLong())
          .isEqualTo(scored * SONNET.cost(812, 9))
          .isLessThanOrEqualTo(10_000);
      assertThat(run.out()).contains("stopped by --max-spend");
    }
  }

  @Test
  void shouldMakeNoCallAtAZeroSpendLimitAndWriteNoPolicy() throws Exception {
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 812, 9)) {
      // When
      LoopbackFrontier.Run run = classify(f, "r", "--max-spend", "0");

      // Then
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(f.server.requests()).isZero();
      assertThat(run.report().path("scored").asInt()).isZero();
      assertThat(run.report().path("notScored").asInt()).isEqualTo(8);
      assertThat(run.report().path("recommendation").path("threshold").isNull()).isTrue();
      assertThat(tmp.resolve("r/policy.yaml")).doesNotExist();
    }
  }

  @Test
  void shouldCountAMalformedFrontierAnswerAsAFailureNotACrash() throws Exception {
    // Given a frontier that answers two messages in prose and one with a label outside the set
    try (LoopbackFrontier f =
        new LoopbackFrontier(
            "anthropic",
            m ->
                m.contains("cancel") || m.contains("password")
                    ? "Sure! This one is about cancelling."
                    : m.contains("invoice") ? "{\"label\": \"billing\"}" : gold(m),
            300,
            8)) {
      // When
      LoopbackFrontier.Run run = classify(f, "r");

      // Then
      assertThat(run.status()).as(run.err()).isZero();
      JsonNode r = run.report();
      assertThat(r.path("frontier").path("unusableAnswers").asInt()).isEqualTo(3);
      assertThat(r.path("frontier").path("quality").asDouble()).isEqualTo(5 / 8.0);
      assertThat(r.path("failures").path("frontier").path("bySeverity").path("SEVERE").asInt())
          .isEqualTo(3);
      assertThat(r.path("failures").path("frontier").path("groups").get(0).path("mode").asText())
          .isEqualTo("unusable answer");
      // paid for all the same
      assertThat(r.path("frontier").path("spentMicros").asLong())
          .isEqualTo(8 * SONNET.cost(300, 8));
    }
  }

  @Test
  void shouldWriteTheRecommendedThresholdAsAPolicyTheTopologyAccepts() throws Exception {
    // Given a base policy (as policy from-models writes one)
    Path base =
        Files.writeString(
            tmp.resolve("base.yaml"),
            "version: 4\ndefaults:\n  escalateCustomerFacing: false\n"
                + "  minIntentConfidence: 0.9\n  minDraftConfidence: 0.8\n"
                + "intents:\n  complaint: {escalateCustomerFacing: true}\n");
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 400, 9)) {
      // When
      LoopbackFrontier.Run run =
          classify(f, "r", "--floor", "0.99", "--policy-base", base.toString());

      // Then
      assertThat(run.status()).as(run.err()).isZero();
      JsonNode rec = run.report().path("recommendation");
      assertThat(rec.path("mixedQuality").asDouble()).isGreaterThanOrEqualTo(0.99);
      String text = Files.readString(tmp.resolve("r/policy.yaml"));
      PolicyDocument policy = PolicyParser.parse(text);
      assertThat(policy.version()).isEqualTo(5);
      double threshold = Math.min(1.0, rec.path("threshold").asDouble());
      assertThat(policy.rulesFor("any-tenant", null).minIntentConfidence()).isEqualTo(threshold);
      assertThat(policy.rulesFor("any-tenant", null).minDraftConfidence()).isEqualTo(0.8);
      assertThat(policy.rulesFor("any-tenant", "complaint").escalateCustomerFacing()).isTrue();
      assertThat(
              new YAMLMapper()
                  .readTree(text)
                  .path("defaults")
                  .path("minIntentConfidence")
                  .asDouble())
          .isEqualTo(threshold);
    }
  }

  @Test
  void shouldReplaceTheManifestThresholdOfAPolicyFromTheShippedModels() throws Exception {
    // Given the policy policy from-models writes for the shipped models
    Path base =
        Files.writeString(
            tmp.resolve("from-models.yaml"),
            ModelPolicy.generate(CLASSIFY.getParent(), ModelPolicy.Options.DEFAULT));
    PolicyDocument before = PolicyParser.parse(Files.readString(base));
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 400, 9)) {
      // When
      LoopbackFrontier.Run run =
          classify(
              f,
              "r",
              "--within",
              "0",
              "--policy-base",
              base.toString(),
              "--policy-out",
              tmp.resolve("measured.yaml").toString());

      // Then: the classify minimum is the measured one, the other stages keep their manifests'
      assertThat(run.status()).as(run.err()).isZero();
      PolicyDocument after = PolicyParser.parse(Files.readString(tmp.resolve("measured.yaml")));
      assertThat(after.version()).isEqualTo(before.version() + 1);
      assertThat(after.rulesFor("t", null).minIntentConfidence())
          .isEqualTo(run.report().path("recommendation").path("threshold").asDouble());
      assertThat(after.rulesFor("t", null).minDraftConfidence())
          .isEqualTo(before.rulesFor("t", null).minDraftConfidence());
      assertThat(after.rulesFor("t", null).minSentimentConfidence())
          .isEqualTo(before.rulesFor("t", null).minSentimentConfidence());
    }
  }

  @Test
  void shouldRefuseToStartWithoutAnApiKeyNamingWhereItIsRead() throws Exception {
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 1, 1)) {
      // When
      LoopbackFrontier.Run run =
          f.run(
              Map.of(),
              tmp.resolve("r"),
              "--stage",
              "classify",
              "--data",
              data().toString(),
              "--model",
              CLASSIFY.toString());

      // Then
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.err()).contains("frontier.api.key.file").contains("ANTHROPIC_API_KEY");
      assertThat(f.server.requests()).isZero();
    }
  }

  @Test
  void shouldRecommendTheCheapestThresholdKeepingTheFloor() throws Exception {
    // Given a perfect frontier: the cheapest route keeping 100% escalates every error
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 400, 9)) {
      // When
      LoopbackFrontier.Run run = classify(f, "r", "--floor", "1.0");

      // Then
      JsonNode r = run.report();
      long chosen = r.path("recommendation").path("costPer1000Micros").asLong();
      for (JsonNode row : r.path("sweep")) {
        if (row.path("mixedQuality").asDouble() >= 1.0) {
          assertThat(row.path("costPer1000Micros").asLong()).isGreaterThanOrEqualTo(chosen);
        }
      }
      assertThat(r.path("recommendation").path("mixedQuality").asDouble()).isEqualTo(1.0);
    }
  }

  @Test
  void shouldExitTwoNamingTheBadOption() throws Exception {
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 1, 1)) {
      for (String[] bad :
          new String[][] {
            {"--floor", "1.5"},
            {"--max-spend", "-1"},
            {"--floor", "0.9", "--within", "0.1"},
            {"--concurrency", "0"}
          }) {
        LoopbackFrontier.Run run = classify(f, "bad", bad);
        assertThat(run.status()).as(String.join(" ", bad)).isEqualTo(2);
        assertThat(run.err()).contains(bad[bad.length == 4 ? 2 : 0]);
      }
      assertThat(f.server.requests()).isZero();
    }
  }

  @Test
  void shouldRefuseAnUnknownProviderNamingTheOption() throws Exception {
    // When
    LoopbackFrontier.Run run;
    try (LoopbackFrontier f = new LoopbackFrontier("anthropic", CompareMainTest::gold, 1, 1)) {
      run = classify(f, "bad", "--provider", "gemini");
    }

    // Then
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--provider must be anthropic or openai, got 'gemini'");
  }
}
