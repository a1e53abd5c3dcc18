package dev.smallfirst.models.encoder.internal;

import ai.djl.translate.TranslateException;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions.OverlongPolicy;
import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.EntitySpan;
import dev.smallfirst.models.StageOutcome.Failed;
import dev.smallfirst.models.StageOutcome.LabelScore;
import dev.smallfirst.models.encoder.EmbeddingMemo;
import dev.smallfirst.models.encoder.EncoderHead;
import dev.smallfirst.models.encoder.HeadMath;
import dev.smallfirst.models.encoder.SentenceEncoder;
import dev.smallfirst.models.encoder.SharedEncoders;
import dev.smallfirst.models.encoder.TokenTags;
import dev.smallfirst.models.entities.EntityValidators;
import dev.smallfirst.models.entities.SpanMerger;
import dev.smallfirst.models.grounding.DraftChecks;
import dev.smallfirst.models.text.Clauses;
import dev.smallfirst.models.trained.TextClassifier;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * An {@code onnx-encoder} model behind the {@link StageModel} seam: one encoder pass per batch
 * (shared with the other models of the process that read the same text, through {@link
 * SharedEncoders}), then the head. Classify and sentiment read the pooled embedding (mixed with the
 * n-gram member where the directory has one); extract reads each word piece's state, decodes BIO
 * tags to character spans, drops spans whose shape cannot be their type ({@link
 * EntityValidators#plausible}) and merges the rest with {@link EntityValidators}. Confidences are
 * temperature calibrated with the manifest's temperature. A classify model whose manifest sets
 * {@code intents.clauseMinConfidence} also classifies each clause of a message of several ({@link
 * Clauses}) and reports the labels it is that sure of as further intents: a single-label softmax
 * over the whole message gives a second request too little probability to be seen. One whose
 * manifest has an {@code outOfScope} block answers a text far from all its training requests
 * ({@link OutOfScope}) with a confidence below its threshold. One whose manifest sets {@code
 * ensemble.exitConfidence} answers a text its n-gram member is at least that sure of from the
 * member alone, without an encoder pass: a cascade inside the stage, small model first.
 * Thread-safe; sessions are stateless views.
 */
final class EncoderStageModel implements StageModel {
  /** Most intents one message is answered for. */
  static final int MAX_INTENTS = 3;

  private final ModelManifest manifest;
  private final SharedEncoders.Lease encoder;
  private final EncoderHead head;
  private final TextClassifier ngram;
  private final double weight;
  private final OverlongPolicy overlong;
  private final int topK;
  private final OptionalDouble clauseMin;
  private final OutOfScope outOfScope;
  private final OptionalDouble exitConfidence;

  EncoderStageModel(
      ModelManifest manifest,
      SharedEncoders.Lease encoder,
      EncoderHead head,
      TextClassifier ngram,
      double weight,
      OverlongPolicy overlong,
      int topK,
      OptionalDouble clauseMin,
      OutOfScope outOfScope,
      OptionalDouble exitConfidence) {
    this.manifest = manifest;
    this.encoder = encoder;
    this.head = head;
    this.ngram = ngram;
    this.weight = weight;
    this.overlong = overlong;
    this.topK = topK;
    this.clauseMin = clauseMin;
    this.outOfScope = outOfScope;
    this.exitConfidence = exitConfidence;
  }

  @Override
  public ModelIdentity identity() {
    return manifest.identity();
  }

  @Override
  public Stage stage() {
    return manifest.stage();
  }

  @Override
  public InferenceSession newSession() {
    return new InferenceSession() {
      @Override
      public List<StageOutcome> predict(List<StageInput> batch) throws InferenceException {
        try {
          return answer(batch.stream().map(StageInput::text).toList());
        } catch (TranslateException | RuntimeException e) {
          throw new InferenceException(
              "forward pass of " + batch.size() + " inputs failed: " + e, e);
        }
      }

      @Override
      public void close() {
        // Nothing per session: the encoder and the head are shared.
      }
    };
  }

  private List<StageOutcome> answer(List<String> texts) throws TranslateException {
    boolean extract = manifest.stage() == Stage.EXTRACT;
    SentenceEncoder.Embedded e = extract ? encoder.encoder().encode(texts, true) : null;
    Scored scored = extract ? null : score(texts, overlong == OverlongPolicy.REJECT);
    boolean[] truncated = extract ? e.truncated() : scored.truncated();
    List<List<String>> clauseIntents =
        manifest.stage() == Stage.CLASSIFY && clauseMin.isPresent() ? clauseIntents(texts) : null;
    List<StageOutcome> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      if (truncated[i] && overlong == OverlongPolicy.REJECT) {
        out.add(
            new Failed(
                FailureCode.INPUT_TOO_LONG,
                "text has more than "
                    + manifest.maxLength()
                    + " tokens; model "
                    + manifest.name()
                    + " takes at most "
                    + manifest.maxLength(),
                false));
        continue;
      }
      if (extract) {
        out.add(extracted(texts.get(i), e.spans().get(i), e.tokens()[i]));
      } else {
        double[] p = scored.probabilities()[i];
        out.add(
            manifest.stage() == Stage.SENTIMENT
                ? sentiment(p)
                : classified(
                    p,
                    clauseIntents == null ? List.of() : clauseIntents.get(i),
                    scored.outside()[i]));
      }
    }
    return out;
  }

  /**
   * The calibrated probabilities of texts, whether each was cut to the encoder's length, and
   * whether each lies out of scope ({@link OutOfScope}).
   */
  private record Scored(double[][] probabilities, boolean[] truncated, boolean[] outside) {}

  /**
   * Scores texts for classify or sentiment. With {@code ensemble.exitConfidence}, a text the n-gram
   * member is at least that sure of is answered by the member alone and never reaches the encoder
   * (only its tokenizer, and that only with {@code checkLength}, to refuse an over-long text); the
   * rest go through the encoder in one pass and mix the head with the member.
   */
  private Scored score(List<String> texts, boolean checkLength) throws TranslateException {
    int n = texts.size();
    float[][] member = ngram == null ? null : ngram.probabilities(texts);
    double[][] p = new double[n][];
    boolean[] truncated = new boolean[n];
    boolean[] outside = new boolean[n];
    List<Integer> early = new ArrayList<>();
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (exitConfidence.isPresent() && HeadMath.exits(member[i], exitConfidence.getAsDouble())
              ? early
              : rest)
          .add(i);
    }
    if (!early.isEmpty()) {
      encoder.memo().countSkipped(early.size());
      boolean[] cut =
          checkLength
              ? encoder.encoder().overlong(early.stream().map(texts::get).toList())
              : new boolean[early.size()];
      for (int k = 0; k < early.size(); k++) {
        int i = early.get(k);
        p[i] = HeadMath.softmax(HeadMath.memberOnly(member[i]), manifest.temperature());
        truncated[i] = cut[k];
      }
    }
    if (!rest.isEmpty()) {
      List<EmbeddingMemo.Pooled> pooled = encoder.pooled(rest.stream().map(texts::get).toList());
      float[][] vectors = new float[rest.size()][];
      for (int k = 0; k < vectors.length; k++) {
        int i = rest.get(k);
        vectors[k] = pooled.get(k).vector();
        truncated[i] = pooled.get(k).truncated();
        outside[i] = outOfScope != null && outOfScope.outside(vectors[k]);
      }
      float[][] logits = head.logits(vectors);
      for (int k = 0; k < vectors.length; k++) {
        int i = rest.get(k);
        p[i] = probabilities(logits[k], member == null ? null : member[i]);
      }
    }
    return new Scored(p, truncated, outside);
  }

  /** The calibrated probabilities of one text: the head's logits mixed with the n-gram member's. */
  private double[] probabilities(float[] logits, float[] member) {
    return HeadMath.softmax(HeadMath.mix(logits, member, weight), manifest.temperature());
  }

  /**
   * Per text, the labels its clauses ({@link Clauses}) are each at least {@code clauseMin} sure of,
   * in clause order, without repeats; empty for a text of one clause. All clauses of the batch are
   * scored together, as the texts are ({@link #score}).
   */
  private List<List<String>> clauseIntents(List<String> texts) throws TranslateException {
    List<String> clauses = new ArrayList<>();
    int[] from = new int[texts.size() + 1];
    for (int i = 0; i < texts.size(); i++) {
      List<String> c = Clauses.of(texts.get(i));
      from[i] = clauses.size();
      if (c.size() > 1) {
        clauses.addAll(c);
      }
    }
    from[texts.size()] = clauses.size();
    List<List<String>> out = new ArrayList<>(texts.size());
    if (clauses.isEmpty()) {
      texts.forEach(t -> out.add(List.of()));
      return out;
    }
    // A clause is part of a text whose length was checked already.
    double[][] scored = score(clauses, false).probabilities();
    for (int i = 0; i < texts.size(); i++) {
      List<String> found = new ArrayList<>();
      for (int c = from[i]; c < from[i + 1]; c++) {
        double[] q = scored[c];
        int best = HeadMath.argmax(q);
        String label = manifest.labels().get(best);
        if (q[best] >= clauseMin.getAsDouble() && !found.contains(label)) {
          found.add(label);
        }
      }
      out.add(found);
    }
    return out;
  }

  /**
   * The classification of {@code p}; with clause labels, its intents are the top label and then the
   * clause labels (at most {@link #MAX_INTENTS} in all), else none.
   */
  private StageOutcome classified(double[] p, List<String> clauseLabels, boolean outside) {
    List<String> labels = manifest.labels();
    Integer[] order = new Integer[p.length];
    Arrays.setAll(order, c -> c);
    Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -p[c]));
    List<LabelScore> top = new ArrayList<>();
    for (int k = 0; k < Math.min(topK, p.length); k++) {
      top.add(new LabelScore(labels.get(order[k]), clamp(p[order[k]])));
    }
    List<String> intents = new ArrayList<>();
    if (!clauseLabels.isEmpty()) {
      intents.add(labels.get(order[0]));
      for (String l : clauseLabels) {
        if (!intents.contains(l) && intents.size() < MAX_INTENTS) {
          intents.add(l);
        }
      }
    }
    double confidence = clamp(p[order[0]]);
    if (outside) {
      // Far from every training request: below the threshold, so it escalates (OutOfScope).
      confidence = DraftChecks.lowered(confidence, manifest.threshold().orElse(0.5));
    }
    return new StageOutcome.Classified(
        labels.get(order[0]), confidence, top, intents.size() > 1 ? intents : List.of());
  }

  private StageOutcome sentiment(double[] p) {
    List<String> labels = manifest.labels();
    int positive = labels.indexOf("positive");
    int negative = labels.indexOf("negative");
    int best = HeadMath.argmax(p);
    double score = (positive < 0 ? 0 : p[positive]) - (negative < 0 ? 0 : p[negative]);
    SentimentLabel label;
    try {
      label = SentimentLabel.valueOf(labels.get(best).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException ex) {
      label = SentimentLabel.UNKNOWN;
    }
    return new StageOutcome.SentimentScored(
        label, Math.max(-1, Math.min(1, score)), clamp(p[best]));
  }

  private StageOutcome extracted(
      String text, ai.djl.huggingface.tokenizers.jni.CharSpan[] spans, float[][] states) {
    float[][] logits = head.logits(states);
    double[][] p = new double[logits.length][];
    double least = 1;
    for (int t = 0; t < logits.length; t++) {
      p[t] = HeadMath.softmax(HeadMath.logSoftmax(logits[t]), manifest.temperature());
      if (spans[t] != null) {
        least = Math.min(least, p[t][HeadMath.argmax(p[t])]);
      }
    }
    List<EntitySpan> model = new ArrayList<>();
    for (TokenTags.TaggedSpan s : TokenTags.decode(spans, p)) {
      if (s.type() < manifest.labels().size()
          && s.end() <= text.length()
          && s.end() > s.start()
          && EntityValidators.plausible(
              manifest.labels().get(s.type()), text.substring(s.start(), s.end()))) {
        model.add(
            new EntitySpan(
                manifest.labels().get(s.type()),
                text.substring(s.start(), s.end()),
                s.start(),
                s.end(),
                clamp(s.confidence())));
      }
    }
    return new StageOutcome.Extracted(
        SpanMerger.mergeKeepingModel(model, EntityValidators.find(text, manifest.labels())),
        clamp(least));
  }

  private static double clamp(double p) {
    return Double.isNaN(p) ? 0 : Math.max(0, Math.min(1, p));
  }

  @Override
  public void close() {
    head.close();
    encoder.close();
    if (ngram != null) {
      ngram.close();
    }
  }
}
