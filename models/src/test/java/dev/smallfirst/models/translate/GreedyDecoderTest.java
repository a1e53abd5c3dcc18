package dev.smallfirst.models.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.models.translate.GreedyDecoder.Generated;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyDecoderTest {
  private static final long EOS = 0;
  private static final int VOCAB = 5;

  /** A scripted model: the next token is {@code script[row][length - promptLength]}. */
  private static GreedyDecoder.StepModel scripted(List<long[]> prompts, long[][] script) {
    return rows -> {
      float[][] out = new float[rows.size()][];
      for (int i = 0; i < rows.size(); i++) {
        long[] seq = rows.get(i);
        int row = rowOf(prompts, seq);
        long next = script[row][seq.length - prompts.get(row).length];
        out[i] = new float[VOCAB];
        out[i][(int) next] = 10f;
      }
      return out;
    };
  }

  private static int rowOf(List<long[]> prompts, long[] seq) {
    for (int r = 0; r < prompts.size(); r++) {
      if (seq[0] == prompts.get(r)[0]) {
        return r;
      }
    }
    throw new IllegalStateException();
  }

  @Test
  void shouldStopARowAtEosAndLeaveEosOut() throws Exception {
    List<long[]> prompts = List.of(new long[] {3, 1});
    GreedyDecoder decoder = new GreedyDecoder(EOS, 10, 100);

    Generated g = decoder.generate(prompts, scripted(prompts, new long[][] {{4, 2, EOS}})).get(0);

    assertThat(g.tokens()).containsExactly(4, 2);
    assertThat(g.stoppedAtEos()).isTrue();
  }

  @Test
  void shouldStopAtTheLengthBoundWithoutEos() throws Exception {
    List<long[]> prompts = List.of(new long[] {3});
    GreedyDecoder decoder = new GreedyDecoder(EOS, 3, 100);

    Generated g =
        decoder.generate(prompts, scripted(prompts, new long[][] {{1, 2, 3, 4, 1}})).get(0);

    assertThat(g.tokens()).containsExactly(1, 2, 3);
    assertThat(g.stoppedAtEos()).isFalse();
  }

  @Test
  void shouldNeverExceedTheModelsMaximumLength() throws Exception {
    List<long[]> prompts = List.of(new long[] {3, 3, 3});
    GreedyDecoder decoder = new GreedyDecoder(EOS, 10, 5);

    Generated g =
        decoder.generate(prompts, scripted(prompts, new long[][] {{1, 1, 1, 1, 1}})).get(0);

    assertThat(g.tokens()).hasSize(2);
  }

  @Test
  void shouldFinishRowsIndependentlyAndOnlyAskForUnfinishedOnes() throws Exception {
    List<long[]> prompts = List.of(new long[] {1}, new long[] {2, 2});
    List<Integer> rowsAsked = new ArrayList<>();
    GreedyDecoder.StepModel model = scripted(prompts, new long[][] {{EOS}, {3, 4, EOS}});
    GreedyDecoder decoder = new GreedyDecoder(EOS, 10, 100);

    List<Generated> out =
        decoder.generate(
            prompts,
            rows -> {
              rowsAsked.add(rows.size());
              return model.next(rows);
            });

    assertThat(out.get(0).tokens()).isEmpty();
    assertThat(out.get(1).tokens()).containsExactly(3, 4);
    assertThat(rowsAsked).containsExactly(2, 1, 1);
  }

  @Test
  void shouldScoreTheMeanProbabilityOfTheChosenTokens() throws Exception {
    List<long[]> prompts = List.of(new long[] {1});
    GreedyDecoder decoder = new GreedyDecoder(EOS, 10, 100);
    float[][][] steps = {{{0, 1, 0, 0, 0}}, {{10, 0, 0, 0, 0}}}; // unsure token 1, then sure EOS
    int[] step = {0};

    Generated g = decoder.generate(prompts, rows -> steps[step[0]++]).get(0);

    double unsure = Math.E / (Math.E + 4);
    double certain = Math.exp(10) / (Math.exp(10) + 4);
    assertThat(g.tokens()).containsExactly(1);
    assertThat(g.confidence()).isCloseTo((unsure + certain) / 2, within(1e-6)).isBetween(0.0, 1.0);
  }
}
