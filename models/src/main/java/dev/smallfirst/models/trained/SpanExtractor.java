package dev.smallfirst.models.trained;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import dev.smallfirst.models.text.TokenFeaturizer;
import dev.smallfirst.models.trained.nn.TaggerTranslator;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded entity extractor (extract stage): batched texts in, spans with calibrated confidences
 * out. Thread-safe (one predictor per thread).
 *
 * <pre>{@code
 * SpanExtractor x = (SpanExtractor) ModelDirectory.load(dir, Device.cpu());
 * List<Span> spans = x.extract(List.of("Refund order #123456 please")).get(0).spans();
 * }</pre>
 */
public final class SpanExtractor extends LoadedModel<List<String>, List<TaggerTranslator.Tagged>>
    implements TrainedModel {

  SpanExtractor(Manifest manifest, Model model, TokenFeaturizer featurizer) {
    super(manifest, model, new TaggerTranslator(featurizer, manifest.temperature()));
  }

  /**
   * Extracts the entities of every text, in order. Texts longer than {@code maxLength} characters
   * are cut (entities past the cut are not found) and flagged.
   *
   * @throws TranslateException when the engine fails
   */
  public List<Extraction> extract(List<String> texts) throws TranslateException {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<String> cut = new ArrayList<>(texts.size());
    boolean[] truncated = new boolean[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i) == null ? "" : texts.get(i);
      truncated[i] = t.length() > manifest.maxLength();
      cut.add(cut(t));
    }
    List<TaggerTranslator.Tagged> tagged = predictors.get().predict(cut);
    List<Extraction> out = new ArrayList<>(texts.size());
    for (int i = 0; i < tagged.size(); i++) {
      TaggerTranslator.Tagged t = tagged.get(i);
      int[] path = SpanDecoder.viterbi(t.logProbs());
      List<Span> spans =
          SpanDecoder.spans(
              cut.get(i), t.encoded().tokens(), path, t.logProbs(), manifest.labels());
      double confidence = SpanDecoder.confidence(path, t.logProbs());
      out.add(new Extraction(spans, confidence, confidence < manifest.threshold(), truncated[i]));
    }
    return out;
  }
}
