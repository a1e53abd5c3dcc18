package dev.smallfirst.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-Java WordPiece encoder gives what the Hugging Face tokenizer gives. */
class BertWordPieceEncoderTest {
  private static final Path TOKENIZER = Fixtures.torchscript("classify").resolve("tokenizer.json");
  private static HfTextEncoder hf;
  private static BertWordPieceEncoder fast;

  @BeforeAll
  static void load() {
    hf = HfTextEncoder.load(TOKENIZER);
    fast = BertWordPieceEncoder.tryCreate(TOKENIZER, hf).orElseThrow();
  }

  @AfterAll
  static void close() {
    fast.close();
  }

  @Test
  void shouldMatchTheHuggingFaceTokenizerOnRandomMixedScriptText() {
    Random random = new Random(42);
    String alphabet =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.;:!?$€£@#-_'\"()[]/\\"
            + "éàüßçñÅΣİ日本語中文😀👍🏽\u00a0\t\n\u200b\u0301";
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(60);
      for (int k = 0; k < length; k++) {
        sb.appendCodePoint(
            alphabet.codePointAt(
                alphabet.offsetByCodePoints(
                    0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
      }
      if (random.nextInt(10) == 0) {
        sb.append(" [SEP] ");
      }
      texts.add(sb.toString());
    }

    assertThat(fast.encode(texts)).isEqualTo(hf.encode(texts));
  }

  @Test
  void shouldGiveOffsetsThatIndexTheJavaString() {
    String text = "😀 order ORD-1234567";

    Encoded e = fast.encode(List.of(text)).get(0);

    assertThat(text.substring(e.starts()[2], e.ends()[2])).isEqualTo("order");
    assertThat(hf.encode(List.of(text)).get(0)).isEqualTo(e);
  }

  @Test
  void shouldDeclineATokenizerOutsideTheBertPipeline(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("tokenizer.json");
    Files.writeString(
        other, Files.readString(TOKENIZER).replace("\"BertPreTokenizer\"", "\"Whitespace\""));

    try (HfTextEncoder otherHf = HfTextEncoder.load(other)) {
      assertThat(BertWordPieceEncoder.tryCreate(other, otherHf)).isEmpty();
    }
  }
}
