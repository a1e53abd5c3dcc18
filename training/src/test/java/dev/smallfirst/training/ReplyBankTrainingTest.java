package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --stage draft --encoder minilm-int8} on Bitext-format rows written here, and {@code
 * eval --stage draft} on its directory: the whole path of the reply-bank draft, with the real
 * encoder and no data set.
 */
class ReplyBankTrainingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String[][] PAIRS = {
    {
      "track_order",
      "where is my order",
      "You can track your order in {{Order History}} on {{Website Name}}."
    },
    {
      "track_order",
      "track my package please",
      "Open {{Order History}} on {{Website Name}} to track it."
    },
    {
      "track_order",
      "what is the status of order 48213",
      "Order 48213 can be tracked in {{Order History}}."
    },
    {
      "get_refund", "i want my money back", "To get a refund, open {{Refunds}} on {{Website Name}}."
    },
    {
      "get_refund",
      "how do i get a refund",
      "Request a refund from {{Refunds}} on {{Website Name}}."
    },
    {"get_refund", "refund me now", "I've refunded your order."},
    {
      "cancel_order",
      "cancel my order",
      "To cancel, open {{Order History}} and choose {{Cancel Order}}."
    },
    {
      "cancel_order", "i need to cancel a purchase", "Choose {{Cancel Order}} in {{Order History}}."
    },
  };

  static Path rows(Path dir, int copies) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      for (String[] p : PAIRS) {
        var row = JSON.createObjectNode();
        String text = p[1] + (c == 0 ? "" : " " + "please".repeat(Math.min(c, 1)) + " " + c);
        row.put("text", text);
        row.put("label", p[0]);
        row.put("category", "ORDER");
        var spans = row.putArray("spans");
        int at = text.indexOf("48213");
        if (at >= 0) {
          var s = spans.addObject();
          s.put("start", at);
          s.put("end", at + 5);
          s.put("label", "order_id");
        }
        row.put("response", p[2]);
        lines.add(JSON.writeValueAsString(row));
      }
    }
    return Files.write(dir.resolve("pairs.jsonl"), lines);
  }

  @Test
  void shouldBuildAReplyBankAndEvaluateItWithGoldUpstream(@TempDir Path tmp) throws Exception {
    Path data = rows(tmp, 6);
    Path out = tmp.resolve("draft");
    Generated.Run train =
        Generated.train(
            "--stage",
            "draft",
            "--encoder",
            "minilm-int8",
            "--data",
            data.toString(),
            "--out",
            out.toString(),
            "--seed",
            "7",
            "--holdout",
            "0.25");
    assertThat(train.status()).as(train.output()).isZero();
    assertThat(train.output()).contains("a claim that an action was done=");
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.get("format").asText()).isEqualTo("reply-bank");
    assertThat(manifest.get("threshold").asDouble()).isBetween(0.0, 1.0);
    assertThat(manifest.at("/retrieval/evidence").asInt()).isEqualTo(20);
    assertThat(manifest.at("/retrieval/centralityWeight").asDouble()).isEqualTo(0.25);
    assertThat(manifest.at("/validation/corpusChrF").asDouble()).isBetween(0.0, 100.0);
    List<String> replies = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("bank.jsonl"))) {
      replies.add(JSON.readTree(line).get("reply").asText());
    }
    assertThat(replies)
        .anyMatch(r -> r.contains("{{ORDER_ID}}"))
        .noneMatch(r -> r.contains("48213"))
        .noneMatch(r -> r.contains("I've refunded"));
    JsonNode kit = JSON.readTree(out.resolve("reply-kit.example.json").toFile());
    assertThat(kit.path("default").has("Order History")).isTrue();

    Generated.Run eval = eval(tmp, out, data, "--upstream", "gold");
    assertThat(eval.status()).as(eval.output()).isZero();
    assertThat(eval.output())
        .contains("chrF (slot-folded, corpus)")
        .containsPattern("false action claims, sent replies\\s+0\\.0000")
        .containsPattern("unresolved slots, sent replies\\s+0\\.0000")
        .containsPattern("invented ids/amounts, sent replies\\s+0\\.0000");
    JsonNode first = JSON.readTree(Files.readAllLines(tmp.resolve("pred.jsonl")).get(0));
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("text", "reference", "predicted", "confidence", "escalated");
  }

  @Test
  void shouldSayWhichUpstreamModelIsMissingForTheWholeChain(@TempDir Path tmp) throws Exception {
    Path data = rows(tmp, 3);
    Path out = tmp.resolve("draft");
    assertThat(
            Generated.train(
                    "--stage",
                    "draft",
                    "--encoder",
                    "minilm-int8",
                    "--data",
                    data.toString(),
                    "--out",
                    out.toString())
                .status())
        .isZero();
    Generated.Run eval = eval(tmp, out, data);
    assertThat(eval.status()).isEqualTo(2);
    assertThat(eval.output()).contains("needs the classify model").contains("--upstream gold");
  }

  /** {@code eval --stage draft} of {@code model} on {@code data}, plus {@code more} flags. */
  private static Generated.Run eval(Path tmp, Path model, Path data, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--stage",
                "draft",
                "--model",
                model.toString(),
                "--data",
                data.toString(),
                "--predictions",
                tmp.resolve("pred.jsonl").toString()));
    args.addAll(List.of(more));
    return Generated.eval(args.toArray(String[]::new));
  }
}
