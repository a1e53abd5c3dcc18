package dev.smallfirst.compare;

import dev.smallfirst.eval.DraftMetrics;
import dev.smallfirst.eval.FailureTally;
import dev.smallfirst.eval.ModelRun;
import dev.smallfirst.eval.Severity;
import dev.smallfirst.frontier.llm.LlmReply;
import dev.smallfirst.frontier.prompt.OutputValidator;
import dev.smallfirst.frontier.prompt.PiiVault;
import dev.smallfirst.frontier.prompt.Prompt;
import dev.smallfirst.frontier.prompt.PromptSettings;
import dev.smallfirst.frontier.prompt.PromptTemplate;
import dev.smallfirst.frontier.prompt.Validation;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.trained.Draft;
import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Channel;
import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Customer;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.Extraction;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.training.data.DraftExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Drafts: the small draft model's reply (through the models SPI, on the example's inputs) and the
 * frontier's polish of it (the worker's own {@link PromptTemplate}, PII vault and {@link
 * OutputValidator}; a reply the validator rejects is unusable), scored the same way with the
 * evaluator's {@link DraftMetrics}: entity faithfulness, invented entities, ROUGE-L against the
 * reference, and the share of acceptable drafts (the sweep's quality). Not thread-safe.
 */
final class DraftComparison {
  private static final int BATCH = 32;
  private static final Instant AT = Instant.EPOCH; // no time enters the prompt

  private final ModelManifest manifest;
  private final List<DraftExample> data;
  private final PromptTemplate template;
  private final OutputValidator validator;
  private final boolean masking;
  private List<Draft> small;
  private final List<PiiVault> vaults = new ArrayList<>();
  private final List<Prompt> prompts = new ArrayList<>();

  DraftComparison(ModelManifest manifest, List<DraftExample> data, PromptSettings settings) {
    this.manifest = manifest;
    this.data = data;
    this.template = new PromptTemplate(settings);
    this.validator = new OutputValidator(settings.maxOutputChars(), template);
    this.masking = settings.piiMasking();
  }

  void runSmall(StageModel model) throws InferenceException {
    small =
        ModelRun.predict(
                model, data.stream().map(e -> ModelRun.draftRequest(e.input())).toList(), BATCH)
            .stream()
            .map(o -> ModelRun.draft(o, manifest))
            .toList();
  }

  /** The polish prompts, one per example, each with its own vault (kept for validation). */
  List<Prompt> prompts() {
    for (int i = 0; i < data.size(); i++) {
      PiiVault vault = masking ? PiiVault.masking() : PiiVault.passThrough();
      vaults.add(vault);
      prompts.add(template.render(request(i), vault));
    }
    return List.copyOf(prompts);
  }

  Scored score(List<FrontierAnswer> answers) {
    List<Scored.Item> items = new ArrayList<>();
    List<String> smallTexts = new ArrayList<>();
    List<String> frontierTexts = new ArrayList<>();
    List<DraftExample> scoredExamples = new ArrayList<>();
    FailureTally smallFailures = new FailureTally();
    FailureTally frontierFailures = new FailureTally();
    double threshold = ModelRun.threshold(manifest);
    for (int i = 0; i < data.size(); i++) {
      DraftExample e = data.get(i);
      Draft d = small.get(i);
      FrontierAnswer a = answers.get(i);
      String problem = Failures.callProblem(a);
      String text = "";
      if (problem == null) {
        FrontierAnswer.Replied r = (FrontierAnswer.Replied) a;
        LlmReply reply =
            new LlmReply(
                r.text(),
                "",
                Optional.of(new LlmReply.Usage(r.inputTokens(), r.outputTokens())),
                false);
        switch (validator.validate(reply, prompts.get(i), vaults.get(i))) {
          case Validation.Valid v -> text = v.text();
          case Validation.Invalid inv -> problem = inv.reason();
        }
      }
      DraftMetrics.Check sc = DraftMetrics.check(e, d.text());
      DraftMetrics.Check fc = problem == null ? DraftMetrics.check(e, text) : null;
      boolean scored = !(a instanceof FrontierAnswer.NotScored);
      items.add(
          new Scored.Item(
              e.input().text(),
              e.reference(),
              d.confidence(),
              d.text(),
              sc.acceptable(),
              a,
              problem == null ? text : problem,
              fc != null && fc.acceptable(),
              scored ? problem : null));
      if (scored) {
        scoredExamples.add(e);
        smallTexts.add(d.text());
        frontierTexts.add(problem == null ? text : "");
        tally(smallFailures, sc, d.confidence() < threshold || d.escalate(), e);
        if (fc != null) {
          tally(frontierFailures, fc, false, e);
        }
      }
    }
    List<Scored.Item> scored = items.stream().filter(Scored.Item::scored).toList();
    return new Scored(
        "acceptable drafts",
        items,
        idx -> metrics(idx, scoredExamples, smallTexts, frontierTexts, scored),
        smallFailures.sorted(FailureTally.BY_SEVERITY_THEN_COUNT),
        Failures.merge(
            frontierFailures.sorted(FailureTally.BY_SEVERITY_THEN_COUNT),
            Failures.unusable(scored)));
  }

  /**
   * Invented entities are severe, missing ones severe too, low overlap minor; caught if escalated.
   */
  private static void tally(
      FailureTally t, DraftMetrics.Check c, boolean escalated, DraftExample e) {
    String mode = null;
    Severity severity = Severity.MINOR;
    if (!c.invented().isEmpty()) {
      mode = "invented entity";
      severity = Severity.SEVERE;
    } else if (!c.missing().isEmpty()) {
      mode = "required entity missing";
      severity = Severity.SEVERE;
    } else if (c.overlap() < 0.5) {
      mode = "low overlap with the reference";
    }
    if (mode != null) {
      Severity s = escalated ? Severity.CAUGHT : severity;
      t.add(mode + s, mode, s, "", "", () -> e.input().text());
    }
  }

  private static Map<String, Double> metrics(
      int[] idx,
      List<DraftExample> examples,
      List<String> smallTexts,
      List<String> frontierTexts,
      List<Scored.Item> scored) {
    List<DraftExample> ex = Scored.pick(examples, idx);
    DraftMetrics.Summary sm = DraftMetrics.computeTexts(ex, Scored.pick(smallTexts, idx));
    DraftMetrics.Summary fm = DraftMetrics.computeTexts(ex, Scored.pick(frontierTexts, idx));
    Map<String, Double> m = new LinkedHashMap<>();
    Scored.rates(scored, idx, "acceptable drafts", m);
    m.put("small entity faithfulness", sm.faithfulness());
    m.put("frontier entity faithfulness", fm.faithfulness());
    m.put("small invented-entity rate", sm.inventedRate());
    m.put("frontier invented-entity rate", fm.inventedRate());
    m.put("small ROUGE-L", sm.overlap());
    m.put("frontier ROUGE-L", fm.overlap());
    return m;
  }

  /** The escalation the topology would send for example {@code i}: gold inputs, small draft. */
  private EscalationRequest request(int i) {
    DraftExample e = data.get(i);
    StageInput in = ModelRun.draftRequest(e.input());
    String id = "compare-" + (i + 1);
    SentimentLabel sentiment = in.context().map(c -> c.getSentiment()).orElse(null);
    Draft d = small.get(i);
    return EscalationRequest.newBuilder()
        .setMessageId(id)
        .setTicketId(id)
        .setTenantId("compare")
        .setMessage(
            SupportMessage.newBuilder()
                .setMessageId(id)
                .setTicketId(id)
                .setTenantId("compare")
                .setChannel(channel(e.input().channel()))
                .setCustomer(new Customer("compare", CustomerTier.UNKNOWN))
                .setBody(e.input().text())
                .setAudience(Audience.CUSTOMER)
                .setReceivedAt(AT)
                .setAttributes(Map.of())
                .build())
        .setClassification(
            e.input().intents().isEmpty()
                ? null
                : new Classification(e.input().intents().get(0), 1.0, List.of(), List.of()))
        .setExtraction(new Extraction(in.context().map(c -> c.getEntities()).orElse(List.of())))
        .setSentiment(sentiment == null ? null : new Sentiment(sentiment, score(sentiment), 1.0))
        .setSmallDraft(new dev.smallfirst.records.Draft(d.text(), d.confidence(), d.tokens()))
        .setReasons(List.of(EscalationReason.LOW_DRAFT_CONFIDENCE))
        .setRequestedAt(AT)
        .setDeadline(AT)
        .build();
  }

  private static double score(SentimentLabel s) {
    return switch (s) {
      case NEGATIVE -> -1;
      case POSITIVE -> 1;
      default -> 0;
    };
  }

  private static Channel channel(String name) {
    if (name == null) {
      return Channel.UNKNOWN;
    }
    try {
      return Channel.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Channel.UNKNOWN;
    }
  }
}
