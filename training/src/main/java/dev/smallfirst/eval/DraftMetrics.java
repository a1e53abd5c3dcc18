package dev.smallfirst.eval;

import dev.smallfirst.models.grounding.Grounding;
import dev.smallfirst.models.trained.Draft;
import dev.smallfirst.training.data.DraftExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quality of drafted replies against references: entity faithfulness (every entity value the reply
 * needs appears verbatim), invented entities (an order number, amount or e-mail address in the
 * draft that the customer's message does not contain) and ROUGE-L F1 word overlap with the
 * reference. Pure and stateless.
 */
public final class DraftMetrics {

  /** Amounts, e-mail addresses, and any run of three or more digits (order numbers, phones). */
  static final Pattern ENTITY_LIKE = Grounding.ENTITY_LIKE;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  /** Per-draft findings. */
  public record Check(List<String> missing, List<String> invented, double overlap) {
    public boolean faithful() {
      return missing.isEmpty();
    }

    /** Faithful, invents nothing and overlaps the reference at least half-way. */
    public boolean acceptable() {
      return missing.isEmpty() && invented.isEmpty() && overlap >= 0.5;
    }
  }

  /**
   * @param faithfulness fraction of drafts that contain every required entity value
   * @param inventedRate fraction of drafts with at least one invented entity
   * @param overlap mean ROUGE-L F1 against the references
   * @param checks per draft, in input order
   */
  public record Summary(
      double faithfulness, double inventedRate, double overlap, List<Check> checks) {}

  private DraftMetrics() {}

  /** Checks {@code drafts} against {@code examples} (same order). */
  public static Summary compute(List<DraftExample> examples, List<Draft> drafts) {
    List<String> texts = drafts.stream().map(Draft::text).toList();
    return computeTexts(examples, texts);
  }

  /** The same for plain draft texts. */
  public static Summary computeTexts(List<DraftExample> examples, List<String> drafts) {
    if (examples.size() != drafts.size()) {
      throw new IllegalArgumentException("examples and drafts differ in length");
    }
    List<Check> checks = new ArrayList<>();
    int faithful = 0;
    int invented = 0;
    double overlap = 0;
    for (int i = 0; i < examples.size(); i++) {
      Check c = check(examples.get(i), drafts.get(i));
      checks.add(c);
      faithful += c.faithful() ? 1 : 0;
      invented += c.invented().isEmpty() ? 0 : 1;
      overlap += c.overlap();
    }
    int n = Math.max(1, examples.size());
    return new Summary(faithful / (double) n, invented / (double) n, overlap / n, checks);
  }

  /** Checks one draft. */
  public static Check check(DraftExample e, String draft) {
    return check(e, draft, "");
  }

  /**
   * Checks one draft whose company facts came from a reply kit: {@code kitValues} (the kit's
   * values) are not invented; ROUGE-L is against the raw reference.
   */
  public static Check check(DraftExample e, String draft, String kitValues) {
    List<String> missing = new ArrayList<>();
    for (String r : e.required()) {
      if (!draft.contains(r)) {
        missing.add(r);
      }
    }
    return new Check(
        missing,
        Grounding.invented(draft, e.input().text(), kitValues),
        rougeL(e.reference(), draft));
  }

  /** Entity-like strings of {@code draft} that {@code source} does not contain. */
  public static List<String> invented(String source, String draft) {
    return Grounding.invented(draft, source);
  }

  /** ROUGE-L F1 over lower-cased word tokens. */
  public static double rougeL(String reference, String candidate) {
    List<String> a = words(reference);
    List<String> b = words(candidate);
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty() ? 1 : 0;
    }
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        lcs[i][j] =
            a.get(i - 1).equals(b.get(j - 1))
                ? lcs[i - 1][j - 1] + 1
                : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
      }
    }
    double l = lcs[a.size()][b.size()];
    double p = l / b.size();
    double r = l / a.size();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(s.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
