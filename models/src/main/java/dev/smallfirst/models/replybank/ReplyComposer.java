package dev.smallfirst.models.replybank;

import dev.smallfirst.models.grounding.DraftChecks;
import dev.smallfirst.models.grounding.Grounding;
import dev.smallfirst.models.grounding.Slots;
import dev.smallfirst.models.text.ChrF;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Composes a reply from a {@link ReplyBank}: one paragraph per intent, each an entry of that intent
 * (or of the whole bank when the intent is unknown to it), its slots filled from the message's
 * entities and the tenant's kit. Of the {@code topK} nearest entries, those that claim no action,
 * need no slot that nothing fills and invent no id are candidates; the one whose reply agrees best
 * (chrF) with the replies of the {@code evidence} nearest candidates wins (minimum Bayes risk,
 * {@link Scoring}), with a small bonus per entity of the message its reply repeats; without a
 * candidate the nearest entry is used and the reply escalates. Pure and thread-safe.
 *
 * <p>The confidence is the least calibrated probability of the paragraphs ({@link
 * RetrievalCalibration}); an unfilled slot, an invented id or a claim puts it below the threshold
 * (half of it), so the reply escalates: nothing is ever guessed.
 */
public final class ReplyComposer {

  /**
   * What the draft saw of one message.
   *
   * @param embedding the whole message's embedding
   * @param clauses the embeddings of the message's clauses ({@link
   *     dev.smallfirst.models.text.Clauses}) when it has several and the model retrieves clause by
   *     clause, else empty: each intent's paragraph is then retrieved with whichever of the message
   *     and its clauses is nearest that intent's replies
   */
  public record Request(
      String message,
      float[] embedding,
      List<float[]> clauses,
      List<String> intents,
      double intentConfidence,
      Map<String, String> entities,
      Map<String, String> kit,
      String kitValues) {
    public Request {
      clauses = List.copyOf(clauses);
    }

    /** A request retrieved with the whole message only. */
    public Request(
        String message,
        float[] embedding,
        List<String> intents,
        double intentConfidence,
        Map<String, String> entities,
        Map<String, String> kit,
        String kitValues) {
      this(message, embedding, List.of(), intents, intentConfidence, entities, kit, kitValues);
    }
  }

  /**
   * A composed reply.
   *
   * @param text the reply; unfillable slots stay as {@code {{Name}}}
   * @param confidence in [0, 1]; below the threshold when anything was wrong
   * @param answered the intent each paragraph answers, in order
   * @param unfilled slots nothing could fill
   * @param grounded false when an id or amount had to be removed or a claim is left
   * @param features per paragraph, the calibration features ({@link RetrievalCalibration#features})
   *     of the entry it used
   */
  public record Reply(
      String text,
      double confidence,
      List<String> answered,
      List<String> unfilled,
      boolean grounded,
      List<double[]> features) {}

  private final ReplyBank bank;
  private final RetrievalCalibration calibration;
  private final double threshold;
  private final int topK;
  private static final int MAX_AGREEMENTS = 250_000; // about 20 MB of boxed pairs at most
  private static final int MAX_PROFILES = 512;
  private final java.util.concurrent.ConcurrentHashMap<Long, Double> agreements =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentHashMap<Integer, ChrF.Profile> profiles =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final double entityBonus;
  private final int evidence;
  private final Scoring scoring;
  private final java.util.concurrent.ConcurrentHashMap<String, PoolAgreement> pools =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Every pairwise chrF / 100 among the replies of one intent's pool ({@code matrix[i][j]}: reply
   * {@code i} as hypothesis, {@code j} as reference, by position in {@link ReplyBank#indicesOf}),
   * and each reply's centrality. Computed once per intent on first use: about 90 × 90 comparisons,
   * a double each. Before, the pairs were remembered one by one in a bounded map that real, varied
   * requests overflowed, so that drafting Bitext's requests at 40/s spent a quarter of its CPU
   * recomputing chrF and the small-only p50 rose to 1.3 s.
   */
  private record PoolAgreement(int[] pool, double[][] matrix, double[] centrality) {
    /** The positions of {@code entries} in the pool, looked up once per paragraph. */
    int[] positions(List<Integer> entries) {
      int[] at = new int[entries.size()];
      for (int i = 0; i < at.length; i++) {
        at[i] = java.util.Arrays.binarySearch(pool, entries.get(i));
      }
      return at;
    }
  }

  /**
   * How a candidate is scored beyond its mean agreement with the evidence; {@link #FLAT} is the
   * plain minimum-Bayes-risk mean. A candidate's score is its weighted mean chrF / 100 against the
   * evidence replies, each weighted by {@code exp(evidenceSharpness * (sim - bestSim))} with {@code
   * sim} that evidence request's cosine similarity to the message, plus {@code similarityWeight}
   * times the candidate's own request similarity, plus {@code lengthWeight} times the natural log
   * of its reply length over the evidence's mean reply length (characters), plus the entity bonus.
   *
   * @param evidenceSharpness 0 for a flat mean; larger trusts the nearest requests more
   * @param similarityWeight weight of the candidate's own request similarity
   * @param lengthWeight weight of the log length ratio (positive favours longer replies)
   * @param centralityWeight in [0, 1]: the share of the intent-pool centrality in the agreement
   */
  public record Scoring(
      double evidenceSharpness,
      double similarityWeight,
      double lengthWeight,
      double centralityWeight) {
    /** The flat mean, no similarity, no length term. */
    public static final Scoring FLAT = new Scoring(0, 0, 0, 0);

    /** Without the intent-pool centrality term. */
    public Scoring(double evidenceSharpness, double similarityWeight, double lengthWeight) {
      this(evidenceSharpness, similarityWeight, lengthWeight, 0);
    }

    /** Rejects non-finite weights and a negative sharpness. */
    public Scoring {
      if (!(evidenceSharpness >= 0 && Double.isFinite(evidenceSharpness))) {
        throw new IllegalArgumentException(
            "evidenceSharpness must be finite and >= 0, got " + evidenceSharpness);
      }
      if (!(centralityWeight >= 0 && centralityWeight <= 1)) {
        throw new IllegalArgumentException(
            "centralityWeight must be in [0, 1], got " + centralityWeight);
      }
      if (!Double.isFinite(similarityWeight) || !Double.isFinite(lengthWeight)) {
        throw new IllegalArgumentException(
            "similarityWeight and lengthWeight must be finite, got "
                + similarityWeight
                + " and "
                + lengthWeight);
      }
    }
  }

  /**
   * @param topK how many nearest entries are candidates
   * @param evidence how many of the nearest usable entries the candidates are scored against
   * @param entityBonus added to a candidate's score per entity of the message it repeats
   * @param scoring the weights of the candidate score ({@link Scoring})
   */
  public ReplyComposer(
      ReplyBank bank,
      RetrievalCalibration calibration,
      double threshold,
      int topK,
      int evidence,
      double entityBonus,
      Scoring scoring) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    this.bank = bank;
    this.calibration = calibration;
    this.threshold = threshold;
    this.topK = Math.max(1, topK);
    this.entityBonus = entityBonus;
    this.evidence = Math.max(1, evidence);
    this.scoring = java.util.Objects.requireNonNull(scoring, "scoring");
  }

  /** The threshold below which a reply escalates. */
  public double threshold() {
    return threshold;
  }

  /** Composes the reply for {@code r}. */
  public Reply compose(Request r) {
    List<String> intents = new ArrayList<>(new LinkedHashSet<>(r.intents()));
    if (intents.isEmpty()) {
      intents.add(null);
    }
    List<String> paragraphs = new ArrayList<>();
    List<String> answered = new ArrayList<>();
    List<String> unfilled = new ArrayList<>();
    List<double[]> features = new ArrayList<>();
    double confidence = 1;
    boolean ok = true;
    for (String intent : intents) {
      Paragraph p = paragraph(r, intent);
      if (answered.contains(p.intent())) {
        continue; // two predicted intents fell back to the same entry's intent
      }
      paragraphs.add(p.text());
      answered.add(p.intent());
      unfilled.addAll(p.unfilled());
      features.add(p.features());
      confidence = Math.min(confidence, p.probability());
      ok &= p.usable();
    }
    DraftChecks.Checked checked =
        DraftChecks.check(String.join("\n\n", paragraphs), unfilled, r.message(), r.kitValues());
    confidence =
        ok ? checked.confidence(confidence, threshold) : DraftChecks.lowered(confidence, threshold);
    return new Reply(
        checked.text(), clamp(confidence), answered, unfilled, checked.grounded(), features);
  }

  private record Paragraph(
      String intent,
      String text,
      double probability,
      List<String> unfilled,
      boolean usable,
      double[] features) {}

  private Paragraph paragraph(Request r, String intent) {
    int[] pool = bank.indicesOf(intent);
    boolean known = pool.length > 0;
    if (!known) {
      pool = new int[bank.entries().size()];
      java.util.Arrays.setAll(pool, i -> i);
    }
    float[] q = query(r, pool);
    int[] top = nearest(q, pool, topK);
    List<Integer> usable = new ArrayList<>();
    for (int i : top) {
      ReplyBank.Entry e = bank.entries().get(i);
      Slots.Filled f = Slots.fill(e.reply(), r.entities(), r.kit());
      if (!e.claims()
          && f.unfilled().isEmpty()
          && Grounding.invented(f.text(), r.message(), r.kitValues()).isEmpty()) {
        usable.add(i);
      }
    }
    Pick pick = pick(r, q, intent, known, usable);
    int chosen = pick.entry();
    double consensus = pick.consensus();
    boolean ok = chosen >= 0;
    if (!ok) {
      chosen = top[0];
    }
    ReplyBank.Entry e = bank.entries().get(chosen);
    double sim = dot(q, bank.embedding(chosen));
    double margin = sim - bestOther(q, e.intent());
    double[] features =
        RetrievalCalibration.features(sim, margin, known ? r.intentConfidence() : 0, consensus);
    Slots.Filled f = Slots.fill(e.reply(), r.entities(), r.kit());
    return new Paragraph(
        e.intent(), f.text(), calibration.probability(features), f.unfilled(), ok, features);
  }

  /** The chosen entry (-1 when none is usable) and its consensus with the evidence. */
  private record Pick(int entry, double consensus) {}

  /**
   * Minimum Bayes risk over the usable candidates (nearest first), scored as {@link Scoring} says.
   */
  private Pick pick(Request r, float[] q, String intent, boolean known, List<Integer> usable) {
    // Minimum Bayes risk: of the usable replies, the one that agrees best (chrF) with the replies
    // of the nearest requests, a sample of how a support team answers this kind of message.
    int evidence = Math.min(this.evidence, usable.size());
    double[] sims = new double[usable.size()];
    for (int c = 0; c < sims.length; c++) {
      sims[c] = dot(q, bank.embedding(usable.get(c)));
    }
    double[] weights = evidenceWeights(sims, evidence);
    double meanLength = 0;
    for (int k = 0; k < evidence; k++) {
      meanLength += bank.entries().get(usable.get(k)).reply().length() / (double) evidence;
    }
    PoolAgreement poolAgreement = known ? pool(intent) : null;
    int[] at = poolAgreement == null ? null : poolAgreement.positions(usable);
    Pick pick = new Pick(-1, 0);
    double best = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < usable.size(); c++) {
      double agree = 0;
      double n = 0;
      for (int k = 0; k < evidence; k++) {
        if (k != c) {
          agree +=
              weights[k]
                  * (at != null
                      ? poolAgreement.matrix()[at[c]][at[k]]
                      : agreement(usable.get(c), usable.get(k)));
          n += weights[k];
        }
      }
      agree = n == 0 ? 0 : agree / n;
      String reply = bank.entries().get(usable.get(c)).reply();
      double mixed =
          known && scoring.centralityWeight() > 0
              ? (1 - scoring.centralityWeight()) * agree
                  + scoring.centralityWeight() * poolAgreement.centrality()[at[c]]
              : agree;
      double score =
          mixed
              + entityBonus * used(reply, r)
              + scoring.similarityWeight() * sims[c]
              + (scoring.lengthWeight() == 0
                  ? 0
                  : scoring.lengthWeight() * Math.log(reply.length() / meanLength));
      if (score > best) {
        best = score;
        pick = new Pick(usable.get(c), agree);
      }
    }
    return pick;
  }

  /**
   * The weight of each of the first {@code evidence} candidates as evidence: {@code exp(sharpness *
   * (sim - bestSim))}, so 1 each for a flat mean; the rest get 0.
   */
  static double[] evidenceWeights(double[] sims, int evidence, double sharpness) {
    double[] w = new double[sims.length];
    double top = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < evidence; k++) {
      top = Math.max(top, sims[k]);
    }
    for (int k = 0; k < evidence; k++) {
      w[k] = sharpness == 0 ? 1 : Math.exp(sharpness * (sims[k] - top));
    }
    return w;
  }

  /**
   * Computes every intent's pairwise agreements now instead of on first use (about 213,000 chrF
   * comparisons for the shipped bank, 2 to 3 s on one core), so that no draft waits for them. Safe
   * to call while drafts are being made: an intent being computed is computed once.
   */
  public void prepare() {
    for (String intent : bank.intents()) {
      pool(intent);
    }
  }

  /** The pairwise agreements of {@code intent}'s pool, computed on first use. */
  private PoolAgreement pool(String intent) {
    return pools.computeIfAbsent(intent, this::agreementsOf);
  }

  /**
   * The pool's pairwise chrF, and each reply's centrality: its mean chrF / 100 against every other
   * sendable reply of its intent, how typical the reply is of the whole pool and not only of the
   * nearest requests.
   */
  private PoolAgreement agreementsOf(String intent) {
    int[] pool = bank.indicesOf(intent);
    ChrF.Profile[] p = new ChrF.Profile[pool.length];
    for (int i = 0; i < pool.length; i++) {
      p[i] = ChrF.profile(bank.entries().get(pool[i]).reply());
    }
    double[][] matrix = new double[pool.length][pool.length];
    double[] centrality = new double[pool.length];
    for (int i = 0; i < pool.length; i++) {
      double sum = 0;
      int n = 0;
      for (int j = 0; j < pool.length; j++) {
        if (j != i) {
          double a = ChrF.sentence(p[i], p[j]) / 100;
          matrix[i][j] = a;
          if (!bank.entries().get(pool[j]).claims()) {
            sum += a;
            n++;
          }
        }
      }
      centrality[i] = n == 0 ? 0 : sum / n;
    }
    return new PoolAgreement(pool, matrix, centrality);
  }

  private double[] evidenceWeights(double[] sims, int evidence) {
    return evidenceWeights(sims, evidence, scoring.evidenceSharpness());
  }

  /**
   * chrF / 100 of bank reply {@code hypothesis} against bank reply {@code reference}, for
   * candidates drawn from the whole bank (an intent the bank does not know; a known intent's pairs
   * come from its {@link PoolAgreement}): a fixed pair of fixed texts, so it is remembered.
   * Bounded: both memories start over when full.
   */
  private double agreement(int hypothesis, int reference) {
    long key = ((long) hypothesis << 32) | (reference & 0xffffffffL);
    Double known = agreements.get(key);
    if (known != null) {
      return known;
    }
    double a = ChrF.sentence(profile(hypothesis), profile(reference)) / 100;
    if (agreements.size() >= MAX_AGREEMENTS) {
      agreements.clear();
    }
    agreements.put(key, a);
    return a;
  }

  private ChrF.Profile profile(int entry) {
    ChrF.Profile p = profiles.get(entry);
    if (p == null) {
      p = ChrF.profile(bank.entries().get(entry).reply());
      if (profiles.size() >= MAX_PROFILES) {
        profiles.clear();
      }
      profiles.put(entry, p);
    }
    return p;
  }

  /** How many of the message's entity types {@code reply} repeats. */
  private static int used(String reply, Request r) {
    int n = 0;
    for (String slot : Slots.names(reply)) {
      if (Slots.isEntitySlot(slot) && r.entities().containsKey(slot)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The embedding a paragraph is retrieved with: of the whole message and its clauses, the one with
   * the highest similarity to an entry of {@code pool}, so that the clause asking for an intent,
   * not the message's other requests or its greeting, finds that intent's replies.
   */
  private float[] query(Request r, int[] pool) {
    float[] best = r.embedding();
    if (r.clauses().isEmpty()) {
      return best;
    }
    double bestSim = nearestSim(best, pool);
    for (float[] c : r.clauses()) {
      double s = nearestSim(c, pool);
      if (s > bestSim) {
        bestSim = s;
        best = c;
      }
    }
    return best;
  }

  private double nearestSim(float[] q, int[] pool) {
    double best = Double.NEGATIVE_INFINITY;
    for (int i : pool) {
      best = Math.max(best, dot(q, bank.embedding(i)));
    }
    return best;
  }

  private double bestOther(float[] q, String intent) {
    double best = -1;
    List<ReplyBank.Entry> entries = bank.entries();
    for (int i = 0; i < entries.size(); i++) {
      if (!entries.get(i).intent().equals(intent)) {
        best = Math.max(best, dot(q, bank.embedding(i)));
      }
    }
    return best;
  }

  private int[] nearest(float[] q, int[] pool, int k) {
    int n = Math.min(k, pool.length);
    int[] idx = new int[n];
    double[] score = new double[n];
    java.util.Arrays.fill(score, Double.NEGATIVE_INFINITY);
    for (int i : pool) {
      double s = dot(q, bank.embedding(i));
      if (s > score[n - 1]) {
        int at = n - 1;
        while (at > 0 && score[at - 1] < s) {
          score[at] = score[at - 1];
          idx[at] = idx[at - 1];
          at--;
        }
        score[at] = s;
        idx[at] = i;
      }
    }
    return idx;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      s += a[d] * b[d];
    }
    return s;
  }

  private static double clamp(double p) {
    return Math.max(0, Math.min(1, p));
  }
}
