package dev.smallfirst.models;

import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.SentimentLabel;
import java.util.List;
import java.util.Objects;

/**
 * What a stage model made of one input: one record per stage, or a {@link Failed} value for an
 * expected failure (over-long input, model error). Immutable; confidences are in [0, 1].
 */
public sealed interface StageOutcome {

  /** A label with its (calibrated) probability. */
  record LabelScore(String label, double score) {}

  /** An entity span; offsets index the request text, start inclusive, end exclusive. */
  record EntitySpan(String type, String value, int start, int end, double confidence) {
    public EntitySpan {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(value, "value");
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
      }
      checkProbability(confidence);
    }
  }

  /**
   * CLASSIFY: the top label, its calibrated probability, the {@code k} best labels, and every
   * intent the message asks for ({@code label} first) where the model reads the message clause by
   * clause; empty from a model that does not.
   */
  record Classified(String label, double confidence, List<LabelScore> topK, List<String> intents)
      implements StageOutcome {
    public Classified {
      checkProbability(confidence);
      topK = List.copyOf(topK);
      intents = List.copyOf(intents);
    }

    /** From a model that reads the message whole: no clause intents. */
    public Classified(String label, double confidence, List<LabelScore> topK) {
      this(label, confidence, topK, List.of());
    }
  }

  /**
   * EXTRACT: entity spans, model spans merged with the deterministic validators, and how sure the
   * model is of the whole extraction (the tokens it left outside entities included, where the
   * format knows; else the least confident span, or 1 without spans).
   */
  record Extracted(List<EntitySpan> entities, double confidence) implements StageOutcome {
    public Extracted {
      entities = List.copyOf(entities);
      checkProbability(confidence);
    }

    /** Spans whose least confident one (1 without spans) stands for the whole extraction. */
    public Extracted(List<EntitySpan> entities) {
      this(entities, entities.stream().mapToDouble(EntitySpan::confidence).min().orElse(1.0));
    }
  }

  /** SENTIMENT: the label, polarity {@code P(pos) - P(neg)} in [-1, 1] and the confidence. */
  record SentimentScored(SentimentLabel label, double score, double confidence)
      implements StageOutcome {
    public SentimentScored {
      Objects.requireNonNull(label, "label");
      if (!(score >= -1 && score <= 1)) {
        throw new IllegalArgumentException("score must be in [-1, 1], got " + score);
      }
      checkProbability(confidence);
    }
  }

  /**
   * DRAFT: the reply, its (calibrated) confidence and how many tokens it has; {@code stoppedAtEos}
   * is false when the length bound cut it; {@code answered} lists the intent each paragraph
   * answers, where the format knows (empty otherwise).
   */
  record Drafted(
      String text, double confidence, int tokens, boolean stoppedAtEos, List<String> answered)
      implements StageOutcome {
    public Drafted {
      Objects.requireNonNull(text, "text");
      checkProbability(confidence);
      answered = List.copyOf(answered);
    }

    /** A draft of a format that does not say which intents it answers. */
    public Drafted(String text, double confidence, int tokens, boolean stoppedAtEos) {
      this(text, confidence, tokens, stoppedAtEos, List.of());
    }
  }

  /** No outcome: the code, an operator-readable message, and whether a retry may succeed. */
  record Failed(FailureCode code, String message, boolean retriable) implements StageOutcome {
    public Failed {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  private static void checkProbability(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], got " + p);
    }
  }
}
