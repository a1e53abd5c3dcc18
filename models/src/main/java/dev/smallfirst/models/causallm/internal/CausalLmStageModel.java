package dev.smallfirst.models.causallm.internal;

import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions.OverlongPolicy;
import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.causallm.CausalDecoder;
import dev.smallfirst.models.causallm.CausalDecoder.Mode;
import dev.smallfirst.models.grounding.DraftChecks;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.models.text.HfTextEncoder;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Stage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@code causal-lm} draft behind the {@link StageModel} seam, on TorchScript or ONNX ({@link
 * CausalLmRuntime}). Per request: the prompt ({@link dev.smallfirst.models.causallm.PromptLayout})
 * is tokenized, continued greedily with the KV cache ({@link CausalDecoder}), decoded without
 * special tokens, and checked by {@link DraftChecks} against the message, its entities and the
 * tenant's kit. The confidence is the geometric mean probability of the chosen tokens, lowered
 * below the threshold when grounding finds anything. Requests of a batch are generated one after
 * another (a batch of one needs no padding in the cache). A prompt over {@code maxLength - 1}
 * tokens is refused ({@code INPUT_TOO_LONG}) or, under {@code truncate}, its message is cut by
 * words until it fits. Thread-safe; sessions are stateless views.
 */
final class CausalLmStageModel implements StageModel {
  private final ModelManifest manifest;
  private final CausalLmRuntime runtime;
  private final HfTextEncoder tokenizer;
  private final CausalLmSpec spec;
  private final CausalDecoder decoder;
  private final OverlongPolicy overlong;
  private final ReplyKit kit;
  private final String kitValues;

  /** What one request made before grounding: the prompt's ids and the raw continuation. */
  record Raw(long[] prompt, CausalDecoder.Generated generated, String text) {}

  CausalLmStageModel(
      ModelManifest manifest,
      CausalLmRuntime runtime,
      HfTextEncoder tokenizer,
      CausalLmSpec spec,
      CausalDecoder decoder,
      OverlongPolicy overlong,
      ReplyKit kit) {
    this.manifest = manifest;
    this.runtime = runtime;
    this.tokenizer = tokenizer;
    this.spec = spec;
    this.decoder = decoder;
    this.overlong = overlong;
    this.kit = kit;
    this.kitValues = kit.allValues();
  }

  @Override
  public ModelIdentity identity() {
    return manifest.identity();
  }

  @Override
  public Stage stage() {
    return Stage.DRAFT;
  }

  @Override
  public InferenceSession newSession() {
    // Nothing per session: each sequence owns its cache.
    return InferenceSession.stateless(
        "drafting", batch -> batch.stream().map(this::answer).toList());
  }

  private StageOutcome answer(StageInput in) {
    Optional<long[]> prompt = promptIds(in);
    if (prompt.isEmpty()) {
      return new StageOutcome.Failed(
          FailureCode.INPUT_TOO_LONG,
          "the prompt has more than "
              + decoder.maxPromptTokens()
              + " tokens; model "
              + manifest.name()
              + " takes "
              + manifest.maxLength()
              + " in all",
          false);
    }
    Raw raw = generate(prompt.get(), Mode.KV_CACHE);
    DraftContext c = in.context().orElse(null);
    DraftChecks.Checked checked =
        DraftChecks.fillAndCheck(
            raw.text(), DraftChecks.entities(c), kit.forTenant(in.tenant()), in.text(), kitValues);
    return new StageOutcome.Drafted(
        checked.text(),
        checked.confidence(raw.generated().confidence(), spec.threshold()),
        raw.generated().tokens().length,
        raw.generated().stoppedAtEos());
  }

  /** The prompt's ids; empty when it is too long and the policy refuses it. */
  Optional<long[]> promptIds(StageInput in) {
    DraftContext c = in.context().orElse(null);
    long[] ids = encode(spec.prompt().render(in.text(), c));
    if (ids.length <= decoder.maxPromptTokens()) {
      return Optional.of(ids);
    }
    if (overlong == OverlongPolicy.REJECT) {
      return Optional.empty();
    }
    String[] words = in.text().strip().split("\\s+");
    int lo = 0; // the most words known to fit
    int hi = words.length; // the fewest known not to
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (encode(render(words, mid, c)).length <= decoder.maxPromptTokens()) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    long[] cut = encode(render(words, lo, c));
    return cut.length <= decoder.maxPromptTokens() ? Optional.of(cut) : Optional.empty();
  }

  private String render(String[] words, int n, DraftContext c) {
    return spec.prompt().render(String.join(" ", Arrays.copyOf(words, n)), c);
  }

  private long[] encode(String text) {
    return tokenizer.encode(List.of(text)).get(0).ids();
  }

  /** Continues {@code prompt} in {@code mode}; the text is decoded but not yet grounded. */
  Raw generate(long[] prompt, Mode mode) {
    CausalDecoder.Generated g = decoder.generate(prompt, this::newSequence, mode);
    return new Raw(prompt, g, tokenizer.decode(g.tokens()).strip());
  }

  CausalDecoder.Sequence newSequence() {
    return runtime.newSequence();
  }

  /**
   * Runs two steps of token 0 on a fresh cache (the second on the first's); returns the vocabulary
   * size.
   *
   * @throws ModelLoadException when the module does not follow the contract
   */
  long probe() {
    try (CausalDecoder.Sequence s = newSequence()) {
      int vocabulary = s.feed(new long[] {0}).length;
      s.feed(new long[] {0});
      return vocabulary;
    } catch (RuntimeException e) {
      throw new ModelLoadException(
          manifest.directory().resolve(ModelManifest.FILE_NAME)
              + ": the "
              + runtime.kind()
              + " model does not follow its causal-lm contract with kvCache "
              + spec.kvCache()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    runtime.close();
    tokenizer.close();
  }
}
