package dev.smallfirst.models.trained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.models.text.WordTokenizer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SpanDecoderTest {

  private static float[] row(double... p) {
    float[] r = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      r[i] = (float) Math.log(p[i]);
    }
    return r;
  }

  @Test
  void shouldDecodeSpansWithOffsetsAndConfidence() {
    // Tags: O, B-date, I-date, B-time, I-time
    String text = "on March 3 at 7pm";
    List<WordTokenizer.Token> tokens = WordTokenizer.tokenize(text); // on March 3 at 7 pm
    float[][] lp = {
      row(0.9, 0.05, 0.01, 0.02, 0.02),
      row(0.1, 0.8, 0.05, 0.03, 0.02),
      row(0.1, 0.05, 0.8, 0.03, 0.02),
      row(0.9, 0.02, 0.04, 0.02, 0.02),
      row(0.1, 0.02, 0.02, 0.8, 0.06),
      row(0.1, 0.02, 0.02, 0.06, 0.8)
    };
    int[] path = SpanDecoder.viterbi(lp);
    List<Span> spans = SpanDecoder.spans(text, tokens, path, lp, List.of("date", "time"));
    assertThat(spans).extracting(Span::text).containsExactly("March 3", "7pm");
    assertThat(spans.get(0).start()).isEqualTo(3);
    assertThat(spans.get(0).label()).isEqualTo("date");
    // 0.8 * 0.8 * (1 - P(I-date at "at") = 0.96)
    assertThat(spans.get(0).confidence()).isCloseTo(0.8 * 0.8 * 0.96, within(1e-5));
    assertThat(SpanDecoder.confidence(path, lp)).isCloseTo(0.8, within(1e-5));
  }

  @Test
  void shouldTrimBracketsOffTheEdgesOfASpan() {
    String text = "order (#123456) now";
    List<WordTokenizer.Token> tokens = WordTokenizer.tokenize(text); // order ( # 123456 ) now
    float[][] lp = {
      row(0.9, 0.05, 0.05), row(0.1, 0.8, 0.1), row(0.1, 0.1, 0.8),
      row(0.1, 0.1, 0.8), row(0.1, 0.1, 0.8), row(0.9, 0.05, 0.05)
    };
    List<Span> spans =
        SpanDecoder.spans(text, tokens, SpanDecoder.viterbi(lp), lp, List.of("ORDER_ID"));
    assertThat(spans).extracting(Span::text).containsExactly("#123456");
  }

  @Test
  void shouldNeverStartASpanWithAnInsideTag() {
    // The most probable tag of the first token is I-date, which is not allowed there
    float[][] lp = {row(0.2, 0.3, 0.5), row(0.2, 0.2, 0.6)};
    int[] path = SpanDecoder.viterbi(lp);
    assertThat(path[0]).isNotEqualTo(2);
  }

  @Property
  void everyPathShouldBeAValidBioSequence(
      @ForAll @Size(min = 1, max = 12)
          List<@Size(value = 5) List<@FloatRange(min = 0.01f, max = 1) Float>> probs) {
    float[][] lp = new float[probs.size()][5];
    for (int i = 0; i < lp.length; i++) {
      for (int t = 0; t < 5; t++) {
        lp[i][t] = (float) Math.log(probs.get(i).get(t));
      }
    }
    int[] path = SpanDecoder.viterbi(lp);
    for (int i = 0; i < path.length; i++) {
      if (path[i] == 2 || path[i] == 4) {
        assertThat(i).isPositive();
        assertThat(path[i - 1]).isIn(path[i] - 1, path[i]);
      }
    }
  }
}
