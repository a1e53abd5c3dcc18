package dev.smallfirst.models.replybank.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageModelLoader;
import dev.smallfirst.models.encoder.EncoderSpec;
import dev.smallfirst.models.encoder.SharedEncoders;
import dev.smallfirst.models.replybank.ReplyBank;
import dev.smallfirst.models.replybank.ReplyComposer;
import dev.smallfirst.models.replybank.RetrievalCalibration;
import dev.smallfirst.records.Stage;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code "format": "reply-bank"} draft directories ({@link ReplyBank} for the files): the
 * manifest pins {@code embeddings.i8} by {@code sha256} and {@code bank.jsonl} by {@code
 * files."bank.jsonl"}, names the encoder ({@code encoder}, as the {@code onnx-encoder} format
 * does), the {@code calibration} and the {@code retrieval} settings ({@code topK} candidates,
 * default 40; {@code evidence}, default 10; {@code entityBonus}, default 0.05), and requires a
 * {@code threshold}. Every file is verified and every entry validated before the encoder is opened.
 * Stateless and thread-safe.
 */
public final class ReplyBankLoader implements StageModelLoader {
  /** The manifest format this loader reads. */
  public static final String FORMAT = "reply-bank";

  private static final Logger log = LoggerFactory.getLogger(ReplyBankLoader.class);

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public StageModel load(ModelManifest manifest, LoadOptions options) {
    String where = manifest.directory().resolve(ModelManifest.FILE_NAME).toString();
    if (manifest.stage() != Stage.DRAFT) {
      throw new ModelLoadException(
          where + ": format " + FORMAT + " answers draft, not " + manifest.stage());
    }
    EncoderSpec spec = EncoderSpec.fromJson(manifest.extra("encoder").orElse(null), where);
    RetrievalCalibration calibration =
        RetrievalCalibration.fromJson(manifest.extra("calibration").orElse(null), where);
    double threshold =
        manifest
            .threshold()
            .orElseThrow(() -> new ModelLoadException(where + ": field 'threshold' is required"));
    if (!(threshold > 0 && threshold <= 1)) {
      throw new ModelLoadException(where + ": field 'threshold' must be in (0, 1]");
    }
    JsonNode retrieval = manifest.extra("retrieval").orElse(null);
    int topK = retrieval == null ? 40 : retrieval.path("topK").asInt(40);
    int evidence = retrieval == null ? 10 : retrieval.path("evidence").asInt(10);
    double bonus = retrieval == null ? 0.05 : retrieval.path("entityBonus").asDouble(0.05);
    ReplyComposer.Scoring scoring = scoring(retrieval, where);
    Path embeddings = manifest.resolve("weights", manifest.weights().orElse("embeddings.i8"));
    ModelIntegrity.verify(embeddings, manifest.sha256());
    String bankSha =
        manifest
            .extra("files")
            .map(f -> f.path("bank.jsonl").asText(null))
            .orElseThrow(
                () -> new ModelLoadException(where + ": field 'files.\"bank.jsonl\"' is required"));
    if (bankSha == null) {
      throw new ModelLoadException(where + ": field 'files.\"bank.jsonl\"' is required");
    }
    Path bankFile = manifest.resolve("files", "bank.jsonl");
    ModelIntegrity.verify(bankFile, bankSha);
    ReplyBank bank = ReplyBank.read(bankFile, embeddings, spec.dimension());
    ReplyComposer composer =
        new ReplyComposer(bank, calibration, threshold, topK, evidence, bonus, scoring);
    prepareInBackground(composer, manifest.identity().toString());
    SharedEncoders.Lease encoder = SharedEncoders.acquire(spec, manifest.maxLength());
    long claims = bank.entries().stream().filter(ReplyBank.Entry::claims).count();
    log.info(
        "loaded {} from {}: {} replies for {} intents ({} claim an action and are never sent),"
            + " encoder {} ({}), threshold {}",
        manifest.identity(),
        manifest.directory(),
        bank.entries().size(),
        bank.intents().size(),
        claims,
        spec.artifact(),
        spec.quantization(),
        threshold);
    boolean clauseQueries = retrieval != null && retrieval.path("clauseQueries").asBoolean(false);
    return new ReplyBankStageModel(manifest, encoder, composer, options.replyKit(), clauseQueries);
  }

  /**
   * Computes the composer's pairwise agreements on a daemon thread while the encoder loads and the
   * worker warms up: the first drafts of each intent used to wait for them (2 to 3 s in all), which
   * left the draft worker behind for the whole of a short run.
   */
  private static void prepareInBackground(ReplyComposer composer, String model) {
    Thread t =
        new Thread(
            () -> {
              long start = System.nanoTime();
              try {
                composer.prepare();
                log.info(
                    "{}: pairwise agreements of every intent ready in {} ms",
                    model,
                    (System.nanoTime() - start) / 1_000_000);
              } catch (RuntimeException e) {
                log.warn("{}: preparing the agreements failed (drafts compute them): {}", model, e);
              }
            },
            "reply-bank-prepare");
    t.setDaemon(true);
    t.start();
  }

  /** The retrieval block the trainer writes. */
  public static Map<String, Object> retrieval(
      int topK,
      int evidence,
      double entityBonus,
      ReplyComposer.Scoring scoring,
      boolean clauseQueries) {
    Map<String, Object> r = new java.util.LinkedHashMap<>(); // a stable order in the manifest
    r.put("topK", topK);
    r.put("evidence", evidence);
    r.put("entityBonus", entityBonus);
    r.put("evidenceSharpness", scoring.evidenceSharpness());
    r.put("similarityWeight", scoring.similarityWeight());
    r.put("lengthWeight", scoring.lengthWeight());
    r.put("centralityWeight", scoring.centralityWeight());
    r.put("clauseQueries", clauseQueries);
    return r;
  }

  /** The candidate-score weights of the retrieval block; absent ones are 0 (the flat mean). */
  static ReplyComposer.Scoring scoring(JsonNode retrieval, String where) {
    if (retrieval == null) {
      return ReplyComposer.Scoring.FLAT;
    }
    try {
      return new ReplyComposer.Scoring(
          retrieval.path("evidenceSharpness").asDouble(0),
          retrieval.path("similarityWeight").asDouble(0),
          retrieval.path("lengthWeight").asDouble(0),
          retrieval.path("centralityWeight").asDouble(0));
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(where + ": field 'retrieval': " + e.getMessage());
    }
  }
}
