package dev.smallfirst.models.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batched greedy generation: each step asks the model for the next-token logits of every unfinished
 * row, appends the most probable token, and finishes a row at EOS or when its length bound is
 * reached. Confidence is the mean probability of the chosen tokens, the EOS step included. Pure
 * Java: the model is a {@link StepModel}. Immutable and thread-safe.
 */
public final class GreedyDecoder {

  /** Next-token logits for rows of token ids. */
  @FunctionalInterface
  public interface StepModel {
    /**
     * @param sequences one row per unfinished sequence, each exactly its tokens so far
     * @return per row, logits over the vocabulary for the token after its last one
     */
    float[][] next(List<long[]> sequences) throws Exception;
  }

  /**
   * A generated continuation.
   *
   * @param tokens the generated ids, EOS excluded
   * @param confidence mean probability of the chosen tokens (EOS step included), in [0, 1]
   * @param stoppedAtEos whether EOS ended it (false: the length bound did)
   */
  public record Generated(long[] tokens, double confidence, boolean stoppedAtEos) {}

  private final long eosId;
  private final int maxNewTokens;
  private final int maxTotalLength;

  /**
   * @param eosId the end-of-sequence token id
   * @param maxNewTokens most tokens to generate per row, EOS included
   * @param maxTotalLength most tokens a sequence (prompt plus generated) may have
   */
  public GreedyDecoder(long eosId, int maxNewTokens, int maxTotalLength) {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
    }
    this.eosId = eosId;
    this.maxNewTokens = maxNewTokens;
    this.maxTotalLength = maxTotalLength;
  }

  /** Continues every prompt; one result per prompt, in order. */
  public List<Generated> generate(List<long[]> prompts, StepModel model) throws Exception {
    int n = prompts.size();
    long[][] seqs = new long[n][];
    int[] budget = new int[n];
    double[] sumP = new double[n];
    int[] steps = new int[n];
    Generated[] done = new Generated[n];
    for (int r = 0; r < n; r++) {
      seqs[r] = prompts.get(r);
      budget[r] = Math.min(maxNewTokens, maxTotalLength - seqs[r].length);
      if (budget[r] <= 0) {
        done[r] = new Generated(new long[0], 0, false);
      }
    }
    List<Integer> active = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (done[r] == null) {
        active.add(r);
      }
    }
    while (!active.isEmpty()) {
      List<long[]> rows = new ArrayList<>(active.size());
      active.forEach(r -> rows.add(seqs[r]));
      float[][] logits = model.next(rows);
      List<Integer> still = new ArrayList<>(active.size());
      for (int i = 0; i < active.size(); i++) {
        int r = active.get(i);
        double[] p = Calibration.softmax(logits[i], 0, logits[i].length, 1.0);
        int token = Calibration.argmax(p);
        sumP[r] += p[token];
        steps[r]++;
        int prompt = prompts.get(r).length;
        if (token == eosId) {
          done[r] = finish(seqs[r], prompt, sumP[r], steps[r], true);
          continue;
        }
        seqs[r] = Arrays.copyOf(seqs[r], seqs[r].length + 1);
        seqs[r][seqs[r].length - 1] = token;
        if (steps[r] >= budget[r]) {
          done[r] = finish(seqs[r], prompt, sumP[r], steps[r], false);
        } else {
          still.add(r);
        }
      }
      active = still;
    }
    return List.of(done);
  }

  private static Generated finish(long[] seq, int prompt, double sumP, int steps, boolean eos) {
    return new Generated(
        Arrays.copyOfRange(seq, prompt, seq.length), Calibration.clamp(sumP / steps), eos);
  }
}
