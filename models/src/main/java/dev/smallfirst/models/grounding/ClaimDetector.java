package dev.smallfirst.models.grounding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds sentences in which a reply says an action on the customer's account was already done: "I've
 * refunded …", "I have cancelled your order", "your refund has been issued", "we processed the
 * return". A draft model never performs an action, so such a sentence is false unless the request's
 * context says the action was done; the draft models refuse templates with one and the evaluator
 * counts one in a sent reply as a SEVERE failure.
 *
 * <p>Not claims: offers and instructions ("I can cancel", "you can request a refund"), the future
 * ("your refund will be issued"), and conditions ("once your refund has been processed, …", "if you
 * have cancelled …", "you will receive a confirmation that your order has been cancelled"), told
 * apart by a condition word among the three words before the subject. Stateless and thread-safe.
 */
public final class ClaimDetector {

  /** One claim: the matched words and where they are in the text. */
  public record Claim(String phrase, int start, int end) {}

  private static final String DONE =
      "(?:refunded|reimbursed|credited|cancell?ed|issued|processed|initiated|updated|changed"
          + "|modified|edited|deleted|removed|closed|deactivated|activated|reset|sent|shipped"
          + "|dispatched|subscribed|unsubscribed|reversed|submitted|approved|applied|corrected"
          + "|fixed|resolved|arranged|rescheduled|replaced|escalated|forwarded|created"
          + "|registered|added|switched|upgraded|downgraded|waived|returned|placed|recovered"
          + "|restored|unlocked|verified|completed|finali[sz]ed)";

  private static final Pattern FIRST_PERSON =
      Pattern.compile(
          "\\b(?:i|we)(?:\\s*['’]ve|\\s+have|\\s+had)?"
              + "(?:\\s+(?:already|just|now|successfully|gone ahead and|went ahead and|also))*\\s+"
              + DONE
              + "\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern PASSIVE =
      Pattern.compile(
          "\\b(?:your|the)\\s+(?:[\\w-]+\\s+){0,3}?"
              + "(?:refunds?|orders?|accounts?|subscriptions?|payments?|address|password|invoices?"
              + "|cancellation|requests?|reimbursement|money|credit|items?|purchases?|profile"
              + "|return|newsletter|charges?|fees?)"
              + "\\s+(?:(?:has|have|was|were)(?:\\s+(?:already|just|now|successfully))*"
              + "(?:\\s+been)?|(?:is|are)(?:\\s+(?:already|just|now|successfully))+)"
              + "(?:\\s+(?:already|just|now|successfully|fully))*\\s+"
              + DONE
              + "\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern CONDITION =
      Pattern.compile(
          "\\b(?:once|after|when|whenever|if|until|unless|whether|before|ensure|ensuring|make sure"
              + "|verify|check|checking|confirmation|notification|email|notified|whenever|until)\\b",
          Pattern.CASE_INSENSITIVE);

  private ClaimDetector() {}

  /** The claims of {@code text}, in order. */
  public static List<Claim> find(String text) {
    List<Claim> out = new ArrayList<>();
    for (Pattern p : List.of(FIRST_PERSON, PASSIVE)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        if (!conditional(text, m.start())) {
          out.add(new Claim(m.group(), m.start(), m.end()));
        }
      }
    }
    out.sort(java.util.Comparator.comparingInt(Claim::start));
    return out;
  }

  /** Whether {@code text} claims an action was done. */
  public static boolean claims(String text) {
    return !find(text).isEmpty();
  }

  /** A condition word among the (at most) four words before {@code at}, within its sentence. */
  private static boolean conditional(String text, int at) {
    int from = Math.max(0, at - 60);
    String before = text.substring(from, at);
    int sentence =
        Math.max(
            before.lastIndexOf('.'), Math.max(before.lastIndexOf('!'), before.lastIndexOf('?')));
    sentence = Math.max(sentence, before.lastIndexOf('\n'));
    before = before.substring(sentence + 1);
    String[] words = before.trim().toLowerCase(Locale.ROOT).split("\\s+");
    int start = Math.max(0, words.length - 4);
    String tail = String.join(" ", java.util.Arrays.copyOfRange(words, start, words.length));
    return CONDITION.matcher(tail).find();
  }
}
