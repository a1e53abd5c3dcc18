package dev.smallfirst.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.eval.DraftEval;
import dev.smallfirst.models.encoder.EncoderSpec;
import dev.smallfirst.models.encoder.SentenceEncoder;
import dev.smallfirst.models.grounding.SlotFolding;
import dev.smallfirst.models.grounding.Slots;
import dev.smallfirst.models.replybank.ReplyBank;
import dev.smallfirst.models.replybank.ReplyComposer;
import dev.smallfirst.models.replybank.RetrievalCalibration;
import dev.smallfirst.models.replybank.internal.ReplyBankLoader;
import dev.smallfirst.models.text.ChrF;
import dev.smallfirst.models.text.Clauses;
import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.DraftExample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code train --stage draft --encoder minilm-int8}: builds a {@code reply-bank} directory from
 * request/reply pairs (a {@code bitext-support} file as it is, or the generator's draft file). The
 * training split's replies become templates ({@link ReplyTemplates}; refused ones are counted), its
 * requests are embedded with the encoder, and the confidence is calibrated on the held-out split:
 * each held-out request is answered from the bank (its gold intent, every company slot filled with
 * its own name, as the folded reference is), labelled acceptable when its chrF against the folded
 * reference is at least {@code acceptableChrF} (default 50), and a logistic regression of the
 * similarity, the margin and the consensus is fitted to those labels. The threshold is the {@code
 * escalate} quantile (default 0.10) of the calibrated confidences on that split. Retrieval: {@code
 * topK} candidates (default 40), scored against the {@code evidence} nearest (default 20) with
 * {@code centralityWeight} 0.25 of the intent pool's centrality (chosen on this calibration split
 * and two others, seeds 7 and 11; README), and the other {@link ReplyComposer.Scoring} weights at
 * 0. Also writes {@code reply-kit.example.json}: every company slot of the bank, for evaluation; a
 * tenant writes its own.
 */
final class ReplyBankJob extends StageJob<Void> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int MAX_TOKENS = 128;
  private static final int BATCH = 32;

  /** Example facts for the most used company slots; the others are named after themselves. */
  private static final Map<String, String> EXAMPLE_FACTS =
      Map.of(
          "Website Name", "shop.example.com",
          "Website URL", "https://shop.example.com",
          "Company Name", "Example Shop",
          "Customer Support Phone Number", "+1 555 0100",
          "Customer Support Email", "support@shop.example.com",
          "Customer Support Availability", "Monday to Friday, 8 am to 8 pm",
          "Customer Support Hours", "Monday to Friday, 8 am to 8 pm",
          "Live Chat", "Live Chat");

  ReplyBankJob(TrainOptions options, PrintStream log, boolean interactive) {
    super(options, null, log, interactive);
    TrainOptions.requireKnown(
        options,
        "topK",
        "evidence",
        "entityBonus",
        "evidenceSharpness",
        "similarityWeight",
        "lengthWeight",
        "centralityWeight",
        "clauseQueries",
        "acceptableChrF",
        "escalate");
  }

  @Override
  public Manifest run() throws IOException, DataException {
    long started = System.nanoTime();
    List<DraftExample> data =
        DataChecks.read(options.data(), DraftExample::parse, options.strict(), log);
    JobSupport.Split<DraftExample> split =
        JobSupport.split(options, data, DraftExample::parse, log);
    List<ReplyBank.Entry> entries = new ArrayList<>();
    Map<String, Integer> refused = new TreeMap<>();
    GenericPhrases generic = GenericPhrases.of(split.train());
    if (!generic.phrases().isEmpty()) {
      log.printf(
          "values left as words in these phrases (other customers' replies use them too): %s%n",
          new TreeSet<>(generic.phrases()));
    }
    for (DraftExample e : split.train()) {
      ReplyTemplates.Result t =
          ReplyTemplates.template(e.reference(), e.input().entities(), generic);
      if (t.template().isPresent()) {
        entries.add(
            new ReplyBank.Entry(
                e.input().intents().get(0), e.input().text(), t.template().get(), false));
      } else {
        refused.merge(t.refusal(), 1, Integer::sum);
      }
    }
    if (entries.isEmpty()) {
      throw new DataException("no usable request/reply pair in " + options.data());
    }
    log.printf(
        "reply bank: %d replies of %d training pairs (refused: %s); calibrating on %d%n",
        entries.size(), split.train().size(), refused, split.calibration().size());
    EncoderSpec spec = EncoderSpec.named(options.encoder());
    int topK = options.intOverride("topK", 40);
    int evidence = options.intOverride("evidence", 20);
    double bonus = options.floatOverride("entityBonus", 0.05f);
    ReplyComposer.Scoring scoring =
        new ReplyComposer.Scoring(
            options.floatOverride("evidenceSharpness", 0f),
            options.floatOverride("similarityWeight", 0f),
            options.floatOverride("lengthWeight", 0f),
            options.floatOverride("centralityWeight", 0.25f));
    boolean clauseQueries = clauseQueries();
    float[][] bankEmb;
    float[][] calEmb;
    List<List<float[]>> calClauses = new ArrayList<>();
    try (SentenceEncoder encoder = SentenceEncoder.open(spec, MAX_TOKENS)) {
      bankEmb = embed(encoder, entries.stream().map(ReplyBank.Entry::request).toList());
      calEmb = embed(encoder, split.calibration().stream().map(e -> e.input().text()).toList());
      for (DraftExample e : split.calibration()) {
        List<String> c = clauseQueries ? Clauses.of(e.input().text()) : List.of();
        calClauses.add(c.size() > 1 ? List.of(embed(encoder, c)) : List.of());
      }
    }
    Files.createDirectories(options.out());
    ReplyBank.write(options.out(), entries, bankEmb);
    ReplyBank bank =
        ReplyBank.read(
            options.out().resolve("bank.jsonl"),
            options.out().resolve("embeddings.i8"),
            spec.dimension());
    Map<String, String> identityKit = identityKit(entries, split.calibration());
    double acceptableChrF =
        options.floatOverride("acceptableChrF", (float) DraftEval.ACCEPTABLE_CHRF);
    ReplyComposer probe =
        new ReplyComposer(
            bank, new RetrievalCalibration(0, 1, 0, 0, 0), 0.5, topK, evidence, bonus, scoring);
    List<double[]> features = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    double chrfSum = 0;
    List<String> hypotheses = new ArrayList<>();
    List<String> references = new ArrayList<>();
    for (int i = 0; i < split.calibration().size(); i++) {
      DraftExample e = split.calibration().get(i);
      Map<String, String> entities = entities(e.input());
      ReplyComposer.Reply r =
          probe.compose(
              new ReplyComposer.Request(
                  e.input().text(),
                  calEmb[i],
                  calClauses.get(i),
                  e.input().intents(),
                  1.0,
                  entities,
                  identityKit,
                  ""));
      String hypothesis = SlotFolding.bare(r.text());
      String reference = SlotFolding.reference(e.reference(), entities, identityKit);
      double chrf = ChrF.sentence(hypothesis, reference);
      hypotheses.add(hypothesis);
      references.add(reference);
      chrfSum += chrf;
      features.add(r.features().get(0));
      labels.add(chrf >= acceptableChrF);
    }
    RetrievalCalibration calibration = fit(features, labels);
    double[] p = features.stream().mapToDouble(calibration::probability).sorted().toArray();
    double escalate = options.floatOverride("escalate", 0.10f);
    double threshold =
        p.length == 0 ? 0.5 : Math.max(1e-4, p[(int) Math.floor(escalate * (p.length - 1))]);
    Map<String, Object> validation = new LinkedHashMap<>();
    validation.put("examples", labels.size());
    validation.put("meanChrF", round(chrfSum / Math.max(1, labels.size())));
    // The evaluator's figure is corpus chrF (statistics summed), which weighs long replies more.
    validation.put(
        "corpusChrF", hypotheses.isEmpty() ? 0 : round(ChrF.corpus(hypotheses, references)));
    validation.put("acceptable", round(share(labels, features, calibration, -1)));
    validation.put("acceptableKept", round(share(labels, features, calibration, threshold)));
    validation.put("threshold", round(threshold));
    Manifest m =
        writeManifest(
            spec,
            calibration,
            threshold,
            topK,
            evidence,
            bonus,
            scoring,
            split,
            started,
            validation);
    writeExampleKit(entries);
    log.printf(
        "calibration: mean chrF %.1f, corpus chrF %.1f, acceptable %.3f, acceptable among kept %.3f at threshold"
            + " %.4f%n",
        chrfSum / Math.max(1, labels.size()),
        validation.get("corpusChrF"),
        validation.get("acceptable"),
        validation.get("acceptableKept"),
        threshold);
    return m;
  }

  /**
   * Whether each intent's paragraph is retrieved with the nearest of the message and its clauses
   * ({@code --set clauseQueries=0} turns it off): on by default.
   */
  private boolean clauseQueries() {
    return options.floatOverride("clauseQueries", 1f) > 0;
  }

  private Manifest writeManifest(
      EncoderSpec spec,
      RetrievalCalibration calibration,
      double threshold,
      int topK,
      int evidence,
      double bonus,
      ReplyComposer.Scoring scoring,
      JobSupport.Split<DraftExample> split,
      long started,
      Map<String, Object> validation)
      throws IOException {
    String sha = ModelDirectory.sha256(options.out().resolve("embeddings.i8"));
    Map<String, Object> training =
        summary(
            split.train().size() + split.calibration().size(),
            split.train().size(),
            false,
            0,
            0,
            secondsSince(started));
    Manifest m =
        new Manifest(
            options.name(),
            options.version() != null ? options.version() : "0.1.0+" + sha.substring(0, 12),
            StageCatalogue.id(options.stage()),
            ReplyBankLoader.FORMAT,
            "encoder-retrieval-slot-filling",
            ReplyBankLoader.retrieval(topK, evidence, bonus, scoring, clauseQueries()),
            List.of(),
            null,
            MAX_TOKENS,
            1.0,
            threshold,
            "embeddings.i8",
            sha,
            null,
            "huggingface",
            Map.of("bank.jsonl", ModelDirectory.sha256(options.out().resolve("bank.jsonl"))),
            training,
            validation);
    ObjectNode root = JSON.valueToTree(m);
    root.set("encoder", JSON.valueToTree(spec.toJson()));
    root.set("calibration", JSON.valueToTree(calibration.toJson()));
    root.set(
        "retrieval",
        JSON.valueToTree(
            ReplyBankLoader.retrieval(topK, evidence, bonus, scoring, clauseQueries())));
    Files.writeString(
        options.out().resolve(ModelDirectory.MANIFEST), JSON.writeValueAsString(root) + "\n");
    return m;
  }

  private void writeExampleKit(List<ReplyBank.Entry> entries) throws IOException {
    Map<String, String> kit = new TreeMap<>();
    for (ReplyBank.Entry e : entries) {
      for (String slot : Slots.names(e.reply())) {
        if (!Slots.isEntitySlot(slot)) {
          kit.put(slot, EXAMPLE_FACTS.getOrDefault(slot, slot));
        }
      }
    }
    Files.writeString(
        options.out().resolve("reply-kit.example.json"),
        JSON.writeValueAsString(kitDocument(kit)) + "\n");
  }

  /** The kit document in a fixed key order, so a retrained bank writes the same bytes. */
  private static Map<String, Object> kitDocument(Map<String, String> kit) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("default", kit);
    doc.put("tenants", Map.of());
    return doc;
  }

  private static float[][] embed(SentenceEncoder encoder, List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < texts.size(); from += BATCH) {
      float[][] part =
          encoder.encode(texts.subList(from, Math.min(texts.size(), from + BATCH)), false).pooled();
      System.arraycopy(part, 0, out, from, part.length);
    }
    return out;
  }

  /** Every company slot of the bank and of the calibration references, named after itself. */
  private static Map<String, String> identityKit(
      List<ReplyBank.Entry> entries, List<DraftExample> calibration) {
    Map<String, String> kit = new LinkedHashMap<>();
    TreeSet<String> names = new TreeSet<>();
    entries.forEach(e -> names.addAll(Slots.names(e.reply())));
    calibration.forEach(e -> names.addAll(Slots.names(e.reference())));
    names.stream().filter(n -> !Slots.isEntitySlot(n)).forEach(n -> kit.put(n, n));
    return kit;
  }

  static Map<String, String> entities(DraftInput input) {
    Map<String, String> out = new LinkedHashMap<>();
    input.entities().forEach(e -> out.putIfAbsent(e.type(), e.value()));
    return out;
  }

  /**
   * Logistic regression of the similarity, the margin and the consensus (the intent-confidence
   * weight stays 0: calibration uses the gold intent), by gradient descent on the mean log loss.
   */
  static RetrievalCalibration fit(List<double[]> x, List<Boolean> y) {
    int[] used = {0, 1, 3};
    double[] w = new double[used.length + 1]; // weights of used features, then the bias
    for (int step = 0; step < 20_000; step++) {
      double[] g = new double[w.length];
      for (int i = 0; i < x.size(); i++) {
        double z = w[used.length];
        for (int k = 0; k < used.length; k++) {
          z += w[k] * x.get(i)[used[k]];
        }
        double err = 1 / (1 + Math.exp(-z)) - (y.get(i) ? 1 : 0);
        for (int k = 0; k < used.length; k++) {
          g[k] += err * x.get(i)[used[k]];
        }
        g[used.length] += err;
      }
      for (int k = 0; k < w.length; k++) {
        w[k] -= 2.0 * g[k] / Math.max(1, x.size());
      }
    }
    return new RetrievalCalibration(w[3], w[0], w[1], 0, w[2]);
  }

  /** The acceptable share of those at or above {@code threshold} (all with a negative one). */
  private static double share(
      List<Boolean> labels, List<double[]> x, RetrievalCalibration c, double threshold) {
    int kept = 0;
    int ok = 0;
    for (int i = 0; i < labels.size(); i++) {
      if (threshold < 0 || c.probability(x.get(i)) >= threshold) {
        kept++;
        ok += labels.get(i) ? 1 : 0;
      }
    }
    return kept == 0 ? Double.NaN : ok / (double) kept;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
