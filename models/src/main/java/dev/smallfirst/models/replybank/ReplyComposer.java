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
 * Composes a reply from a {@link ReplyBank}: one paragraph per intent, each the nearest usable
 * entry of that intent (or of the whole bank when the intent is unknown to it), its slots filled
 * from the message's entities and the tenant's kit. Among the {@code topK} nearest entries, the
 * first one that claims no action, needs no slot that nothing fills and invents no id is used, with
 * a small bonus per entity of the message its reply repeats; without such an entry the nearest one
 * is used and the reply escalates. Pure and thread-safe.
 *
 * <p>The confidence is the least calibrated probability of the paragraphs ({@link
 * RetrievalCalibration}); an unfilled slot, an invented id or a claim puts it below the threshold
 * (half of it), so the reply escalates: nothing is ever guessed.
 */
public final class ReplyComposer {

  /** What the draft saw of one message. */
  public record Request(
      String message,
      float[] embedding,
      List<String> intents,
      double intentConfidence,
      Map<String, String> entities,
      Map<String, String> kit,
      String kitValues) {}

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

  /**
   * @param topK how many nearest entries are candidates
   * @param evidence how many of the nearest usable entries the candidates are scored against
   * @param entityBonus added to a candidate's score per entity of the message it repeats
   */
  public ReplyComposer(
      ReplyBank bank,
      RetrievalCalibration calibration,
      double threshold,
      int topK,
      int evidence,
      double entityBonus) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    this.bank = bank;
    this.calibration = calibration;
    this.threshold = threshold;
    this.topK = Math.max(1, topK);
    this.entityBonus = entityBonus;
    this.evidence = Math.max(1, evidence);
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
    int[] top = nearest(r.embedding(), pool, topK);
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
    // Minimum Bayes risk: of the usable replies, the one that agrees best (chrF) with the replies
    // of the nearest requests, a sample of how a support team answers this kind of message.
    int evidence = Math.min(this.evidence, usable.size());
    int chosen = -1;
    double best = Double.NEGATIVE_INFINITY;
    double consensus = 0;
    for (int c = 0; c < usable.size(); c++) {
      double agree = 0;
      int n = 0;
      for (int k = 0; k < evidence; k++) {
        if (k != c) {
          agree += agreement(usable.get(c), usable.get(k));
          n++;
        }
      }
      agree = n == 0 ? 0 : agree / n;
      double score = agree + entityBonus * used(bank.entries().get(usable.get(c)).reply(), r);
      if (score > best) {
        best = score;
        chosen = usable.get(c);
        consensus = agree;
      }
    }
    boolean ok = chosen >= 0;
    if (!ok) {
      chosen = top[0];
    }
    ReplyBank.Entry e = bank.entries().get(chosen);
    double sim = dot(r.embedding(), bank.embedding(chosen));
    double margin = sim - bestOther(r.embedding(), e.intent());
    double[] features =
        RetrievalCalibration.features(sim, margin, known ? r.intentConfidence() : 0, consensus);
    Slots.Filled f = Slots.fill(e.reply(), r.entities(), r.kit());
    return new Paragraph(
        e.intent(), f.text(), calibration.probability(features), f.unfilled(), ok, features);
  }

  /**
   * chrF / 100 of bank reply {@code hypothesis} against bank reply {@code reference}: a fixed pair
   * of fixed texts, so it is remembered (messages of one intent keep meeting the same pairs; this
   * was two thirds of a draft's CPU). Bounded: both memories start over when full.
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
