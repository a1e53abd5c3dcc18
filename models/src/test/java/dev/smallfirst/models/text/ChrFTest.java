package dev.smallfirst.models.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * chrF with sacrebleu's defaults (orders 1-6, beta 2, whitespace removed), on hand-worked pairs.
 */
class ChrFTest {

  @Test
  void shouldScoreIdenticalTextsOneHundredAndDisjointOnesZero() {
    assertThat(ChrF.sentence("Where is my order?", "Where  is my\norder?")).isEqualTo(100.0);
    assertThat(ChrF.sentence("abc", "xyz")).isZero();
    assertThat(ChrF.sentence("", "xyz")).isZero();
  }

  @Test
  void shouldAverageTheFScoresOfTheOrdersBothSidesHave() {
    // unigrams 2 of 3 match (F = 2/3), bigrams 1 of 2 (F = 1/2), trigrams 0 of 1; no 4-grams
    assertThat(ChrF.sentence("abc", "abd")).isCloseTo(100 * (2.0 / 3 + 0.5 + 0) / 3, within(1e-9));
  }

  @Test
  void shouldWeightRecallFourTimesPrecision() {
    // the hypothesis "ab" holds half the reference "abab"'s unigrams, with full precision
    double p = 1;
    double r = 0.5;
    double f1 = 5 * p * r / (4 * p + r);
    assertThat(ChrF.sentence("ab", "abab"))
        .isCloseTo(100 * (f1 + 5 * 1.0 * (1.0 / 3) / (4 + 1.0 / 3)) / 2, within(1e-9));
  }

  @Test
  void shouldSumCountsOverTheCorpusBeforeScoring() {
    double corpus = ChrF.corpus(List.of("abc", "abc"), List.of("abc", "xyz"));
    assertThat(corpus).isCloseTo(50.0, within(1e-9));
    assertThat(ChrF.sentence("the cat sat on the mat", "the cat ran on the mat"))
        .isCloseTo(61.08866623572505, within(1e-9));
  }
}
