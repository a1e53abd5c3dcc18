package dev.smallfirst.models.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.smallfirst.models.StageOutcome.EntitySpan;
import dev.smallfirst.models.text.Encoded;
import java.util.List;
import org.junit.jupiter.api.Test;

class BioDecoderTest {
  private static final List<String> TAGS = List.of("O", "B-PRODUCT", "I-PRODUCT", "B-DATE");
  private final BioDecoder decoder = new BioDecoder(TAGS);

  // "[CLS] the coffee mak ##er today [SEP]": words the=0 coffee=1 maker=2 (two pieces) today=3
  private static final String TEXT = "the coffee maker today";
  private static final Encoded ENCODED =
      new Encoded(
          TEXT,
          new long[] {2, 10, 11, 12, 13, 14, 3},
          new int[] {-1, 0, 4, 11, 14, 17, -1},
          new int[] {-1, 3, 10, 14, 16, 22, -1},
          new long[] {-1, 0, 1, 2, 2, 3, -1});

  @Test
  void shouldJoinBeginAndInsideTagsIntoOneSpanOverWholeWords() {
    double[][] probs = {
      row(1, 0), row(0, 0.9), row(1, 0.9), row(2, 0.7), row(0, 0.2), row(0, 0.95), row(0, 1)
    };

    assertThat(decoder.decode(ENCODED, probs))
        .extracting(EntitySpan::type, EntitySpan::value, EntitySpan::start, EntitySpan::end)
        .containsExactly(tuple("PRODUCT", "coffee maker", 4, 16));
  }

  @Test
  void shouldAverageTheTagProbabilitiesOfASpan() {
    double[][] probs = {
      row(0, 1), row(0, 1), row(1, 0.9), row(2, 0.7), row(2, 0.5), row(0, 1), row(0, 1)
    };

    assertThat(decoder.decode(ENCODED, probs).get(0).confidence()).isEqualTo((0.9 + 0.7 + 0.5) / 3);
  }

  @Test
  void shouldOpenASpanOnAnInsideTagWithoutABegin() {
    double[][] probs = {
      row(0, 1), row(0, 1), row(2, 0.8), row(2, 0.8), row(2, 0.8), row(3, 0.6), row(0, 1)
    };

    assertThat(decoder.decode(ENCODED, probs))
        .extracting(EntitySpan::type, EntitySpan::value)
        .containsExactly(tuple("PRODUCT", "coffee maker"), tuple("DATE", "today"));
  }

  @Test
  void shouldNameEachEntityTypeOfItsTagsOnce() {
    assertThat(decoder.entityTypes()).containsExactly("PRODUCT", "DATE");
  }

  @Test
  void shouldRefuseTagsOutsideTheBioScheme() {
    assertThatThrownBy(() -> new BioDecoder(List.of("O", "PRODUCT")))
        .hasMessageContaining("'PRODUCT'");
  }

  /** Probabilities with {@code p} on {@code tag} and the rest spread evenly. */
  private static double[] row(int tag, double p) {
    double[] r = new double[TAGS.size()];
    java.util.Arrays.fill(r, (1 - p) / (TAGS.size() - 1));
    r[tag] = p;
    return r;
  }
}
