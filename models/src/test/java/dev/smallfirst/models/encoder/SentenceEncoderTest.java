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
