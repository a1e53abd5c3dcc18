package dev.smallfirst.models.replybank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.encoder.EncoderSpec;
import dev.smallfirst.models.encoder.SentenceEncoder;
import dev.smallfirst.models.grounding.ClaimDetector;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code reply-bank} directory through the standard loaders, with the real int8 encoder. */
class ReplyBankLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final List<ReplyBank.Entry> ENTRIES =
      List.of(
          entry("track_order", "where is my package", "Track it under {{Order History}}."),
          entry(
              "track_order",
              "where is order ORD-1234567",
              "Order {{ORDER_ID}} is on its way; see {{Website Name}}."),
          entry("get_refund", "i want my money back", "Request a refund on {{Website Name}}."),
          entry("cancel_order", "cancel my order", "Call {{Customer Support Phone Number}}."));

  /** Writes a reply-bank directory of {@code entries} into {@code dir}. */
  static Path directory(Path dir, List<ReplyBank.Entry> entries) throws Exception {
    float[][] emb;
    try (SentenceEncoder enc = SentenceEncoder.open(EncoderSpec.MINILM_INT8, 64)) {
      emb = enc.encode(entries.stream().map(ReplyBank.Entry::request).toList(), false).pooled();
    }
    ReplyBank.write(dir, entries, emb);
    manifest(dir);
    return dir;
  }

  private static void manifest(Path dir) throws Exception {
    ObjectNode m = JSON.createObjectNode();
    m.put("name", "test-draft");
    m.put("version", "1.0.0");
    m.put("stage", "draft");
    m.put("format", "reply-bank");
    m.put("maxLength", 64);
    m.put("threshold", 0.5);
    m.put("weights", "embeddings.i8");
    m.put("sha256", ModelIntegrity.sha256(dir.resolve("embeddings.i8")));
    m.putObject("files").put("bank.jsonl", ModelIntegrity.sha256(dir.resolve("bank.jsonl")));
    m.set("encoder", JSON.valueToTree(EncoderSpec.MINILM_INT8.toJson()));
    m.set("calibration", JSON.valueToTree(new RetrievalCalibration(-2, 4, 4, 1, 0).toJson()));
    Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(m));
  }

  @Test
  void shouldDraftFromTheNearestReplyWithTheTenantsFacts(@TempDir Path dir) throws Exception {
    directory(dir, ENTRIES);
    ReplyKit kit =
        ReplyKit.of(
            Map.of("Website Name", "shop.example", "Order History", "Order History"),
            Map.of("acme", Map.of("Website Name", "acme.example")));
    try (StageModel model =
            ModelLoaders.standard()
                .load(dir, Stage.DRAFT, LoadOptions.defaults().withReplyKit(kit));
        InferenceSession s = model.newSession()) {
      List<StageOutcome> out =
          s.predict(
              List.of(
                  new StageInput("I would like a refund please", context("get_refund"), "acme"),
                  new StageInput("cancel the order", context("cancel_order"), "acme")));
      StageOutcome.Drafted refund = (StageOutcome.Drafted) out.get(0);
      assertThat(refund.text()).isEqualTo("Request a refund on acme.example.");
      assertThat(refund.answered()).containsExactly("get_refund");
      StageOutcome.Drafted cancel = (StageOutcome.Drafted) out.get(1);
      assertThat(cancel.confidence()).isLessThan(0.5); // no phone number in the kit
    }
  }

  @Test
  void shouldRefuseAReplyWithAnIdLiteralNamingTheLine(@TempDir Path dir) throws Exception {
    directory(dir, ENTRIES);
    List<String> lines = Files.readAllLines(dir.resolve("bank.jsonl"));
    lines.set(1, lines.get(1).replace("{{ORDER_ID}}", "ORD-1234567"));
    Files.write(dir.resolve("bank.jsonl"), lines);
    manifest(dir);
    assertThatThrownBy(() -> ModelLoaders.standard().load(dir, Stage.DRAFT, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("ORD-1234567")
        .hasMessageContaining("{{ORDER_ID}}");
  }

  @Test
  void shouldRefuseAnEntitySlotRunIntoAWord(@TempDir Path dir) throws Exception {
    // What substring templating made of "provide" for a Pro account: "{{ACCOUNT_TYPE}}vide".
    directory(dir, ENTRIES);
    List<String> lines = Files.readAllLines(dir.resolve("bank.jsonl"));
    lines.set(1, lines.get(1).replace("{{ORDER_ID}}", "{{ORDER_ID}}vide"));
    Files.write(dir.resolve("bank.jsonl"), lines);
    manifest(dir);
    assertThatThrownBy(() -> ModelLoaders.standard().load(dir, Stage.DRAFT, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("{{ORDER_ID}}")
        .hasMessageContaining("into a word");
  }

  @Test
  void shouldRefuseAMalformedSlotOrMissingField(@TempDir Path dir) throws Exception {
    directory(dir, ENTRIES);
    List<String> lines = Files.readAllLines(dir.resolve("bank.jsonl"));
    lines.set(2, lines.get(2).replace("{{Website Name}}", "{{Website Name}"));
    Files.write(dir.resolve("bank.jsonl"), lines);
    manifest(dir);
    assertThatThrownBy(() -> ModelLoaders.standard().load(dir, Stage.DRAFT, LoadOptions.defaults()))
        .hasMessageContaining("line 3")
        .hasMessageContaining("malformed");
    lines.set(2, "{\"intent\": \"get_refund\", \"request\": \"x\"}");
    Files.write(dir.resolve("bank.jsonl"), lines);
    manifest(dir);
    assertThatThrownBy(() -> ModelLoaders.standard().load(dir, Stage.DRAFT, LoadOptions.defaults()))
        .hasMessageContaining("line 3")
        .hasMessageContaining("'reply'");
  }

  @Test
  void shouldRefuseANegativeEvidenceSharpnessNamingTheKey(@TempDir Path dir) throws Exception {
    directory(dir, ENTRIES);
    ObjectNode m = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
    m.putObject("retrieval").put("topK", 40).put("evidenceSharpness", -2.0);
    Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(m));
    assertThatThrownBy(() -> ModelLoaders.standard().load(dir, Stage.DRAFT, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("retrieval")
        .hasMessageContaining("evidenceSharpness");
  }

  @Test
  void shouldRefuseEmbeddingsThatDoNotMatchTheEntries(@TempDir Path dir) throws Exception {
    directory(dir, ENTRIES);
    Files.write(
        dir.resolve("bank.jsonl"), Files.readAllLines(dir.resolve("bank.jsonl")).subList(0, 3));
    manifest(dir);
    assertThatThrownBy(() -> ModelLoaders.standard().load(dir, Stage.DRAFT, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("3 entries of dimension 384");
  }

  @Test
  void shouldRefuseATamperedBank(@TempDir Path dir) throws Exception {
    directory(dir, ENTRIES);
    Files.writeString(dir.resolve("bank.jsonl"), "\n", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> ModelLoaders.standard().load(dir, Stage.DRAFT, LoadOptions.defaults()))
        .isInstanceOf(dev.smallfirst.models.ModelIntegrityException.class);
  }

  private static Optional<DraftContext> context(String intent) {
    return Optional.of(
        DraftContext.newBuilder().setIntent(intent).setIntentConfidence(0.95).build());
  }

  private static ReplyBank.Entry entry(String intent, String request, String reply) {
    return new ReplyBank.Entry(intent, request, reply, ClaimDetector.claims(reply));
  }
}
