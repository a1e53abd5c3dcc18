package dev.smallfirst.models.translate;

import ai.djl.translate.Translator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.text.EncodedBatch;
import dev.smallfirst.models.text.TextEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks and configures the translator of a stage from the manifest: labels, temperature, {@code
 * topK} (default 3), {@code inputs} (default {@code [input_ids, attention_mask]}), and for the
 * draft stage {@code eosToken} (default {@code [EOS]}, else {@code </s>}, else {@code [SEP]}) and
 * {@code maxNewTokens} (default 64). Stateless.
 */
public final class StageTranslators {
  /** Default number of labels a classification lists. */
  public static final int DEFAULT_TOP_K = 3;

  /** Default bound on a draft's generated tokens. */
  public static final int DEFAULT_MAX_NEW_TOKENS = 64;

  private StageTranslators() {}

  /**
   * The translator for {@code manifest}'s stage.
   *
   * @throws ModelLoadException when the manifest does not fit the stage (the message names the
   *     field)
   */
  public static Translator<EncodedBatch, List<StageOutcome>> of(
      ModelManifest manifest, LoadOptions options, TextEncoder encoder) {
    ModelInputs inputs = inputs(manifest);
    try {
      return switch (manifest.stage()) {
        case CLASSIFY ->
            new ClassifyTranslator(
                manifest.labels(),
                manifest.temperature(),
                options.topK().orElse(manifest.extraInt("topK").orElse(DEFAULT_TOP_K)),
                inputs);
        case SENTIMENT ->
            new SentimentTranslator(manifest.labels(), manifest.temperature(), inputs);
        case EXTRACT -> new ExtractTranslator(manifest.labels(), manifest.temperature(), inputs);
        case DRAFT ->
            new DraftTranslator(
                encoder,
                eosId(manifest, encoder),
                maxNewTokens(manifest, options),
                manifest.maxLength(),
                inputs);
        default ->
            throw new ModelLoadException(
                manifest.directory() + ": stage " + manifest.stage() + " has no model worker");
      };
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(
          manifest.directory().resolve(ModelManifest.FILE_NAME) + ": " + e.getMessage(), e);
    }
  }

  /** Most tokens an input may have: the model's length, less the draft's generation room. */
  public static int maxInputTokens(ModelManifest manifest, LoadOptions options) {
    return switch (manifest.stage()) {
      case DRAFT -> Math.max(2, manifest.maxLength() - maxNewTokens(manifest, options));
      default -> manifest.maxLength();
    };
  }

  static int maxNewTokens(ModelManifest manifest, LoadOptions options) {
    return options
        .maxNewTokens()
        .orElse(manifest.extraInt("maxNewTokens").orElse(DEFAULT_MAX_NEW_TOKENS));
  }

  private static long eosId(ModelManifest manifest, TextEncoder encoder) {
    List<String> candidates =
        manifest.extraText("eosToken").map(List::of).orElse(List.of("[EOS]", "</s>", "[SEP]"));
    for (String token : candidates) {
      var id = encoder.tokenId(token);
      if (id.isPresent()) {
        return id.getAsLong();
      }
    }
    throw new ModelLoadException(
        manifest.directory().resolve(ModelManifest.FILE_NAME)
            + ": field 'eosToken': none of "
            + candidates
            + " is in the tokenizer's vocabulary");
  }

  private static ModelInputs inputs(ModelManifest manifest) {
    List<String> names = new ArrayList<>();
    JsonNode node = manifest.extra("inputs").orElse(null);
    if (node == null) {
      return ModelInputs.IDS_MASK;
    }
    node.forEach(n -> names.add(n.asText()));
    try {
      return ModelInputs.of(names);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(
          manifest.directory().resolve(ModelManifest.FILE_NAME)
              + ": field 'inputs' "
              + e.getMessage());
    }
  }
}
