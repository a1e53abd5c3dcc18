package dev.smallfirst.models.causallm;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Greedy generation for a causal LM with a KV cache: the prompt is fed once, then each step feeds
 * only the token just chosen, the model keeping the keys and values of everything before it ({@link
 * Sequence}). A row ends at an EOS or stop token (not part of the reply) or when {@code
 * maxNewTokens} or the model's {@code maxLength} is reached. {@link Mode#FULL_RERUN} re-runs the
 * whole sequence on a fresh cache at every step instead; it exists to check a model's cache (both
 * must choose the same tokens) and is never used to serve. Pure Java; immutable and thread-safe.
 *
 * <pre>{@code
 * CausalDecoder decoder = new CausalDecoder(Set.of(eosId), 64, 512);
 * CausalDecoder.Generated g = decoder.generate(promptIds, model::newSequence, Mode.KV_CACHE);
 * }</pre>
 */
public final class CausalDecoder {

  /**
   * One sequence's state in the model: the tokens fed so far and their cached keys and values. Not
   * thread-safe; closing it frees the cache.
   */
  public interface Sequence extends AutoCloseable {
    /**
     * Feeds {@code tokens}, which follow those fed before; returns the logits over the vocabulary
     * for the token after the last of them.
     */
    float[] feed(long[] tokens);

    @Override
    void close();
  }

  /** How each step reaches the model. */
  public enum Mode {
    /** Feed only the new token, with the cache of the ones before (how drafts are served). */
    KV_CACHE,
    /** Feed the whole sequence to a fresh cache every step (a check of the cache; quadratic). */
    FULL_RERUN
  }

  /**
   * A generated reply.
   *
   * @param tokens the generated ids, the EOS or stop token excluded
   * @param meanLogProb mean natural-log probability of the chosen tokens, the EOS step included
   * @param stoppedAtEos whether an EOS or stop token ended it (false: a length bound did)
   * @param tokensFed how many token positions the model computed in all (with the cache: the prompt
   *     plus one per later step)
   */
  public record Generated(long[] tokens, double meanLogProb, boolean stoppedAtEos, long tokensFed) {
    /** The geometric mean probability of the chosen tokens, in [0, 1]. */
    public double confidence() {
      return Math.max(0, Math.min(1, Math.exp(meanLogProb)));
    }
  }

  private final Set<Long> stopIds;
  private final int maxNewTokens;
  private final int maxLength;

  /**
   * @param stopIds EOS and stop token ids, at least one
   * @param maxNewTokens most steps per reply, the EOS step included
   * @param maxLength most tokens prompt and reply may have together
   */
  public CausalDecoder(Set<Long> stopIds, int maxNewTokens, int maxLength) {
    if (stopIds.isEmpty()) {
      throw new IllegalArgumentException("at least one EOS or stop token id is required");
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
    }
    this.stopIds = Set.copyOf(stopIds);
    this.maxNewTokens = maxNewTokens;
    this.maxLength = maxLength;
  }

  /** The longest prompt that leaves room for one generated token. */
  public int maxPromptTokens() {
    return maxLength - 1;
  }

  /**
   * Continues {@code prompt}.
   *
   * @param sequences opens a fresh sequence of the model
   * @throws IllegalArgumentException when the prompt is empty or longer than {@link
   *     #maxPromptTokens}
   */
  public Generated generate(long[] prompt, Supplier<Sequence> sequences, Mode mode) {
    if (prompt.length == 0 || prompt.length > maxPromptTokens()) {
      throw new IllegalArgumentException(
          "prompt has " + prompt.length + " tokens; 1 to " + maxPromptTokens() + " fit");
    }
    int budget = Math.min(maxNewTokens, maxLength - prompt.length);
    long[] seq = Arrays.copyOf(prompt, prompt.length + budget);
    int length = prompt.length;
    double sumLogP = 0;
    int steps = 0;
    long fed = 0;
    Sequence cached = mode == Mode.KV_CACHE ? sequences.get() : null;
    try {
      long[] next = prompt;
      while (true) {
        float[] logits;
        if (cached != null) {
          logits = cached.feed(next);
          fed += next.length;
        } else {
          try (Sequence fresh = sequences.get()) {
            logits = fresh.feed(Arrays.copyOf(seq, length));
          }
          fed += length;
        }
        int token = argmax(logits);
        sumLogP += logProbability(logits, token);
        steps++;
        if (stopIds.contains((long) token)) {
          return done(seq, prompt.length, length, sumLogP / steps, true, fed);
        }
        seq[length++] = token;
        if (steps >= budget) {
          return done(seq, prompt.length, length, sumLogP / steps, false, fed);
        }
        next = new long[] {token};
      }
    } finally {
      if (cached != null) {
        cached.close();
      }
    }
  }

  private static Generated done(
      long[] seq, int prompt, int length, double meanLogP, boolean eos, long fed) {
    return new Generated(Arrays.copyOfRange(seq, prompt, length), meanLogP, eos, fed);
  }

  static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  /** {@code log softmax(logits)[token]}, computed stably in double precision. */
  static double logProbability(float[] logits, int token) {
    double max = logits[argmax(logits)];
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - max);
    }
    return logits[token] - max - Math.log(sum);
  }
}
