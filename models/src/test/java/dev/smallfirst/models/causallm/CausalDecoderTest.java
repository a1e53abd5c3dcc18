package dev.smallfirst.models.causallm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.models.causallm.CausalDecoder.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generation loop against a scripted model: the next token is always (last token + 1), so what
 * is fed and where it stops are known exactly.
 */
class CausalDecoderTest {
  private static final int VOCABULARY = 10;
  private static final long EOS = 9;

  /** Records every feed; the logits put probability 0.9-ish on (last token + 1) mod vocabulary. */
  private static final class Counting implements CausalDecoder.Sequence {
    final List<long[]> feeds = new ArrayList<>();
    boolean closed;

    @Override
    public float[] feed(long[] tokens) {
      feeds.add(tokens.clone());
      float[] logits = new float[VOCABULARY];
      logits[(int) ((tokens[tokens.length - 1] + 1) % VOCABULARY)] = 5;
      return logits;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void shouldFeedThePromptOnceThenOneTokenPerStepAndStopAtEos() {
    Counting model = new Counting();
    CausalDecoder decoder = new CausalDecoder(Set.of(EOS), 20, 64);

    CausalDecoder.Generated g = decoder.generate(new long[] {3, 4, 5}, () -> model, Mode.KV_CACHE);

    assertThat(g.tokens()).containsExactly(6, 7, 8);
    assertThat(g.stoppedAtEos()).isTrue();
    assertThat(model.feeds.stream().map(Arrays::toString))
        .containsExactly("[3, 4, 5]", "[6]", "[7]", "[8]");
    assertThat(g.tokensFed()).isEqualTo(6);
    assertThat(model.closed).isTrue();
    double p = Math.exp(5) / (Math.exp(5) + VOCABULARY - 1);
    assertThat(g.confidence()).isCloseTo(p, within(1e-9));
  }

  @Test
  void shouldFeedTheWholeSequenceToAFreshCacheInFullRerun() {
    List<Counting> opened = new ArrayList<>();
    CausalDecoder decoder = new CausalDecoder(Set.of(EOS), 20, 64);

    CausalDecoder.Generated g =
        decoder.generate(
            new long[] {6},
            () -> {
              Counting c = new Counting();
              opened.add(c);
              return c;
            },
            Mode.FULL_RERUN);

    assertThat(g.tokens()).containsExactly(7, 8);
    assertThat(opened).hasSize(3).allMatch(c -> c.closed && c.feeds.size() == 1);
    assertThat(opened.get(2).feeds.get(0)).containsExactly(6, 7, 8);
    assertThat(g.tokensFed()).isEqualTo(1 + 2 + 3);
  }

  @Test
  void shouldStopAtAnyStopIdNotOnlyTheFirst() {
    CausalDecoder decoder = new CausalDecoder(Set.of(EOS, 5L), 20, 64);

    CausalDecoder.Generated g = decoder.generate(new long[] {2}, Counting::new, Mode.KV_CACHE);

    assertThat(g.tokens()).containsExactly(3, 4);
    assertThat(g.stoppedAtEos()).isTrue();
  }

  @Test
  void shouldStopAtMaxNewTokensAndAtTheModelsLength() {
    CausalDecoder fewNew = new CausalDecoder(Set.of(EOS), 2, 64);
    CausalDecoder shortModel = new CausalDecoder(Set.of(EOS), 20, 4);

    CausalDecoder.Generated a = fewNew.generate(new long[] {0}, Counting::new, Mode.KV_CACHE);
    CausalDecoder.Generated b =
        shortModel.generate(new long[] {0, 0}, Counting::new, Mode.KV_CACHE);

    assertThat(a.tokens()).containsExactly(1, 2);
    assertThat(a.stoppedAtEos()).isFalse();
    assertThat(b.tokens()).containsExactly(1, 2);
    assertThat(b.stoppedAtEos()).isFalse();
  }

  @Test
  void shouldRefuseAPromptWithNoRoomForAToken() {
    CausalDecoder decoder = new CausalDecoder(Set.of(EOS), 20, 4);

    assertThatThrownBy(() -> decoder.generate(new long[4], Counting::new, Mode.KV_CACHE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 3 fit");
  }
}
