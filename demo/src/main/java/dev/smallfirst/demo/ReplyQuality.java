package dev.smallfirst.demo;

import dev.smallfirst.loadtest.QualityReport;
import dev.smallfirst.loadtest.RequestFileMessages;
import dev.smallfirst.models.grounding.ClaimDetector;
import dev.smallfirst.models.grounding.Grounding;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.models.grounding.SlotFolding;
import dev.smallfirst.models.grounding.Slots;
import dev.smallfirst.models.stats.Bootstrap;
import dev.smallfirst.models.text.ChrF;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.SupportMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Scores the replies of a {@code --tickets} run against what the rows say is right: the classify
 * stage's intent against the row's {@code label}, and the reply text against its reference {@code
 * response} with the evaluator's metrics (chrF of the slot-folded reference, entity faithfulness,
 * invented ids and amounts, unresolved slots, false action claims: {@code eval --stage draft}'s
 * definitions, over the same shared code), per route, with bootstrap 95% intervals. Replies to
 * messages whose row says nothing are not scored; with none scored there is no report. Thread-safe.
 */
final class ReplyQuality {
  /** The routes reported after {@code all}, in this order, where replies took them. */
  private static final List<Route> ROUTES =
      List.of(Route.SMALL_ONLY, Route.ESCALATED, Route.DEGRADED, Route.REJECTED);

  static final String METHOD =
      "intent: the classify stage's label in the reply (none counts as wrong) against the row's"
          + " label; drafts: the reply sent against the row's response, chrF (corpus, orders 1-6,"
          + " beta 2) after slot folding with the row's entities and the demo's reply kit, as eval"
          + " --stage draft scores; rates are of the replies with a reference; 95% intervals:"
          + " percentile bootstrap, 1,000 resamples, fixed seed";

  /**
   * One scored reply.
   *
   * @param intentRight the intent matched the label, or null without a label
   * @param chrf chrF counts ({@link ChrF#stats}), or null without a reference
   */
  record Scored(
      Route route,
      Boolean intentRight,
      long[] chrf,
      boolean faithful,
      boolean invented,
      boolean unresolved,
      boolean claims) {}

  private final Map<String, RequestFileMessages.Truth> truths = new ConcurrentHashMap<>();

  /** Replies with their rows, scored only by {@link #report()}: never on the run's CPU. */
  private final List<Map.Entry<RequestFileMessages.Truth, DraftedReply>> answered =
      new ArrayList<>();

  private final Map<String, String> facts;
  private final String kitValues;

  /** Scores against the company facts {@code tenant} gets from {@code kit}. */
  ReplyQuality(ReplyKit kit, String tenant) {
    this.facts = kit.forTenant(tenant);
    this.kitValues = kit.allValues();
  }

  /** {@code file}'s messages, each one's row remembered by message id for {@link #onReply}. */
  IntFunction<SupportMessage> recording(RequestFileMessages file) {
    return i -> {
      SupportMessage m = file.apply(i);
      truths.put(m.getMessageId(), file.truth(i));
      return m;
    };
  }

  /**
   * The first reply to a message: kept, to be scored after the run, when its row said what is
   * right. Scoring here (chrF of every reply against its reference) took CPU from the pipeline
   * under test: on 2 cores it raised the small-only p50 on Bitext's requests from 0.2 s to 1.3 s.
   */
  void onReply(DraftedReply reply) {
    RequestFileMessages.Truth t = truths.get(reply.getMessageId());
    if (t != null && (t.label() != null || t.reference() != null)) {
      synchronized (answered) {
        answered.add(Map.entry(t, reply));
      }
    }
  }

  /** Scores the replies kept so far; their report, or null when there was none. */
  QualityReport report() {
    List<Map.Entry<RequestFileMessages.Truth, DraftedReply>> all;
    synchronized (answered) {
      all = List.copyOf(answered);
    }
    List<Scored> scored = new ArrayList<>(all.size());
    all.forEach(e -> scored.add(score(e.getKey(), e.getValue(), facts, kitValues)));
    return report(scored, Bootstrap.standard());
  }

  /** One reply against its row. */
  static Scored score(
      RequestFileMessages.Truth t,
      DraftedReply reply,
      Map<String, String> facts,
      String kitValues) {
    String text = reply.getText();
    Boolean intentRight = t.label() == null ? null : Objects.equals(t.label(), reply.getIntent());
    if (t.reference() == null) {
      return new Scored(reply.getRoute(), intentRight, null, false, false, false, false);
    }
    long[] chrf =
        ChrF.stats(
            ChrF.profile(SlotFolding.bare(text)),
            ChrF.profile(SlotFolding.reference(t.reference(), t.entities(), facts)));
    boolean faithful =
        t.entities().values().stream().filter(t.reference()::contains).allMatch(text::contains);
    return new Scored(
        reply.getRoute(),
        intentRight,
        chrf,
        faithful,
        !Grounding.invented(text, t.text(), kitValues).isEmpty(),
        Slots.hasSlot(text),
        ClaimDetector.claims(text));
  }

  /** The report of {@code scored}, or null when it is empty; pure. */
  static QualityReport report(List<Scored> scored, Bootstrap bootstrap) {
    if (scored.isEmpty()) {
      return null;
    }
    Map<String, QualityReport.RouteQuality> routes = new LinkedHashMap<>();
    routes.put("all", route(scored, bootstrap));
    for (Route r : ROUTES) {
      List<Scored> of = scored.stream().filter(s -> s.route() == r).toList();
      if (!of.isEmpty()) {
        routes.put(r.name(), route(of, bootstrap));
      }
    }
    QualityReport.RouteQuality all = routes.get("all");
    return new QualityReport(all.labelled(), all.withReference(), routes, METHOD);
  }

  private static QualityReport.RouteQuality route(List<Scored> of, Bootstrap bootstrap) {
    List<Scored> labelled = of.stream().filter(s -> s.intentRight() != null).toList();
    List<Scored> drafts = of.stream().filter(s -> s.chrf() != null).toList();
    Double accuracy = labelled.isEmpty() ? null : share(labelled, s -> s.intentRight());
    Double chrf = drafts.isEmpty() ? null : round(ChrF.score(sum(drafts, null)), 100);
    return new QualityReport.RouteQuality(
        of.size(),
        labelled.size(),
        accuracy,
        accuracy == null
            ? null
            : interval(
                bootstrap.interval(
                    labelled.size(), idx -> share(pick(labelled, idx), s -> s.intentRight())),
                10_000),
        drafts.size(),
        chrf,
        chrf == null
            ? null
            : interval(bootstrap.interval(drafts.size(), idx -> ChrF.score(sum(drafts, idx))), 100),
        drafts.isEmpty() ? null : share(drafts, Scored::faithful),
        drafts.isEmpty() ? null : share(drafts, Scored::invented),
        drafts.isEmpty() ? null : share(drafts, Scored::unresolved),
        drafts.isEmpty() ? null : share(drafts, Scored::claims));
  }

  private static List<Scored> pick(List<Scored> of, int[] idx) {
    List<Scored> out = new ArrayList<>(idx.length);
    for (int i : idx) {
      out.add(of.get(i));
    }
    return out;
  }

  /** Summed chrF counts of {@code of}, or of the drawn {@code idx} of it when not null. */
  private static long[] sum(List<Scored> of, int[] idx) {
    long[] total = new long[3 * ChrF.ORDER];
    for (Scored s : idx == null ? of : pick(of, idx)) {
      ChrF.add(total, s.chrf());
    }
    return total;
  }

  private static double share(List<Scored> of, Predicate<Scored> yes) {
    return round(of.stream().filter(yes).count() / (double) of.size(), 10_000);
  }

  private static QualityReport.Interval interval(Bootstrap.Interval ci, double scale) {
    return new QualityReport.Interval(round(ci.low(), scale), round(ci.high(), scale));
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }
}
