package dev.smallfirst.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenTagsTest {
  // "[CLS] order ord - 123 [SEP]" over "order ord-123"
  private static final CharSpan[] TOKENS = {
    null, new CharSpan(0, 5), new CharSpan(6, 9), new CharSpan(9, 10), new CharSpan(10, 13), null
  };

  @Test
  void shouldTagTheWordPiecesOfASpanBeginThenInside() {
    int[] tags = TokenTags.encode(TOKENS, List.<int[]>of(new int[] {6, 13, 1}));
    assertThat(tags).containsExactly(0, 0, 3, 4, 4, 0);
  }

  @Test
  void shouldDecodeTagsBackToTheCharacterSpanWithItsLeastProbability() {
    double[][] p = new double[6][];
    int[] tags = {0, 0, 3, 4, 4, 0};
    double[] sure = {1, 1, 0.9, 0.8, 0.95, 1};
    for (int t = 0; t < 6; t++) {
      p[t] = new double[5];
      p[t][tags[t]] = sure[t];
      p[t][(tags[t] + 1) % 5] = 1 - sure[t];
    }
    List<TokenTags.TaggedSpan> spans = TokenTags.decode(TOKENS, p);
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).type()).isEqualTo(1);
    assertThat(spans.get(0).start()).isEqualTo(6);
    assertThat(spans.get(0).end()).isEqualTo(13);
    assertThat(spans.get(0).confidence()).isEqualTo(0.8);
  }

  @Test
  void shouldStartANewSpanWhenTheTypeChanges() {
    double[][] p = new double[6][5];
    int[] tags = {0, 1, 4, 0, 0, 0};
    for (int t = 0; t < 6; t++) {
      p[t][tags[t]] = 1;
    }
    assertThat(TokenTags.decode(TOKENS, p))
        .extracting(TokenTags.TaggedSpan::type)
        .containsExactly(0, 1);
  }
}
