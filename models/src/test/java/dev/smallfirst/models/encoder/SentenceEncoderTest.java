package dev.smallfirst.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The int8 encoder, taken from the Maven artifact on the class path, embeds text sensibly. */
class SentenceEncoderTest {
  private static SentenceEncoder encoder;

  @BeforeAll
  static void open() {
    encoder = SentenceEncoder.open(EncoderSpec.MINILM_INT8, 32);
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void shouldEmbedEachTextAsAUnitVector() {
    float[][] e =
        encoder.encode(List.of("where is my order?", "cancel my subscription"), false).pooled();
    assertThat(e).hasNumberOfRows(2);
    for (float[] row : e) {
      assertThat(row).hasSize(384);
      assertThat(dot(row, row)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void shouldPlaceParaphrasesCloserThanUnrelatedRequests() {
    float[][] e =
        encoder
            .encode(
                List.of(
                    "I want my money back for this order",
                    "please refund my purchase",
                    "how do I change my password"),
                false)
            .pooled();
    assertThat(dot(e[0], e[1])).isGreaterThan(dot(e[0], e[2]) + 0.1);
  }

  @Test
  void shouldGiveEveryTextOfAMixedBatchTheEmbeddingItHasAlone() {
    // Short and long texts in one batch are run in length groups; each row must stay its own.
    List<String> texts =
        List.of(
            "refund",
            "I ordered a standing desk three weeks ago and it still has not arrived, where is it?",
            "where is my order?",
            "please cancel my subscription and my account, I am moving to another provider");
    SentenceEncoder.Embedded batch = encoder.encode(texts, true);
    for (int i = 0; i < texts.size(); i++) {
      SentenceEncoder.Embedded alone = encoder.encode(List.of(texts.get(i)), true);
      // int8 activations are quantized with one scale per run, so a text's embedding depends a
      // little on its run's company (cosine 0.99 measured for "refund"); another text's row would
      // be far below this.
      assertThat(dot(batch.pooled()[i], alone.pooled()[0])).as(texts.get(i)).isGreaterThan(0.98);
      assertThat(batch.tokens()[i]).hasNumberOfRows(alone.tokens()[0].length);
      assertThat(offsets(batch.spans().get(i))).isEqualTo(offsets(alone.spans().get(0)));
    }
  }

  private static List<String> offsets(ai.djl.huggingface.tokenizers.jni.CharSpan[] spans) {
    return java.util.Arrays.stream(spans)
        .map(c -> c == null ? "-" : c.getStart() + ":" + c.getEnd())
        .toList();
  }

  @Test
  void shouldReturnTokenStatesWithTheirCharacterSpans() {
    String text = "Order ORD-12345 never arrived";
    SentenceEncoder.Embedded e = encoder.encode(List.of(text), true);
    var spans = e.spans().get(0);
    assertThat(e.tokens()[0]).hasNumberOfRows(spans.length);
    assertThat(spans[0]).as("[CLS] has no span").isNull();
    assertThat(text.substring(spans[1].getStart(), spans[1].getEnd())).isEqualTo("Order");
    assertThat(e.truncated()[0]).isFalse();
  }

  @Test
  void shouldFlagTextsLongerThanTheTokenLimit() {
    String longText = "refund ".repeat(100);
    assertThat(encoder.encode(List.of(longText, "short"), false).truncated())
        .containsExactly(true, false);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
