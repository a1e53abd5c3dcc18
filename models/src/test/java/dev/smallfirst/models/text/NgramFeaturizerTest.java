package dev.smallfirst.models.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgramFeaturizerTest {

  private static final List<String> TEXTS =
      List.of(
          "where is my refund",
          "refund my order please",
          "where is my order 123456",
          "I love it 😀😀");

  @Test
  void shouldNormalizeEachFeatureFamilyToUnitLength() {
    NgramFeaturizer f = NgramFeaturizer.fit(TEXTS, new NgramFeaturizer.Config(2, 2, 4, 2, 1000));
    NgramFeaturizer.Features x = f.featurize("where is my refund");
    double words = 0;
    double chars = 0;
    for (int i = 0; i < x.size(); i++) {
      String name = f.vocabulary().get(x.ids()[i] - 1);
      double w2 = x.weights()[i] * x.weights()[i];
      if (name.startsWith("c|")) {
        chars += w2;
      } else {
        words += w2;
      }
    }
    assertThat(words).isCloseTo(1.0, within(1e-5));
    assertThat(chars).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void shouldIgnoreUnknownNgramsAndDigitsOfOrderNumbers() {
    NgramFeaturizer f = NgramFeaturizer.fit(TEXTS, new NgramFeaturizer.Config(1, 2, 3, 1, 1000));
    assertThat(f.featurize("zzzz qqqq").size()).isZero();
    assertThat(f.vocabulary()).noneMatch(v -> v.contains("123"));
  }

  @Test
  void shouldRoundTripThroughItsJsonFile(@TempDir Path dir) throws Exception {
    NgramFeaturizer f = NgramFeaturizer.fit(TEXTS, new NgramFeaturizer.Config(2, 2, 5, 1, 1000));
    f.write(dir.resolve("featurizer.json"));
    NgramFeaturizer back = NgramFeaturizer.read(dir.resolve("featurizer.json"));
    assertThat(back.vocabulary()).isEqualTo(f.vocabulary());
    assertThat(back.featurize("I love my refund 😀").ids())
        .isEqualTo(f.featurize("I love my refund 😀").ids());
    assertThat(back.featurize("I love my refund 😀").weights())
        .isEqualTo(f.featurize("I love my refund 😀").weights());
  }
}
