package dev.smallfirst.tickets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the reference reply of a ticket: greeting, an empathy line that fits the sentiment, one
 * action sentence per intent that repeats every available entity it can, and a closing that fits
 * the channel. Stateless.
 */
final class ReplyWriter {

  private static final Pattern SLOT = Pattern.compile("\\{([A-Z]+)}");

  /** The reply and the entity values it repeats from the ticket (what a draft must keep). */
  record Reply(String text, List<String> required) {}

  private ReplyWriter() {}

  static Reply write(
      SplittableRandom r,
      Intent primary,
      Intent secondary,
      Sentiment sentiment,
      Channel channel,
      Map<EntityType, String> present,
      boolean signed) {
    Set<String> required = new LinkedHashSet<>();
    StringBuilder b = new StringBuilder();
    String person = present.get(EntityType.PERSON_NAME);
    if (signed && person != null) {
      String first = person.split(" ")[0];
      b.append("Hi ").append(first).append(",");
      required.add(first);
    } else {
      b.append(channel == Channel.CHAT ? "Hi!" : "Hello,");
    }
    b.append(channel == Channel.EMAIL || channel == Channel.WEB_FORM ? "\n\n" : " ");
    b.append(
        switch (sentiment) {
          case NEGATIVE ->
              TicketGenerator.pickOf(
                  r,
                  List.of(
                      "I'm sorry for the trouble.",
                      "I'm really sorry about this.",
                      "I understand how frustrating this is."));
          case POSITIVE -> "Thanks for your message!";
          case NEUTRAL -> "Thanks for reaching out.";
        });
    b.append(' ').append(fill(bestTemplate(r, primary, present), present, required));
    if (secondary != null) {
      b.append(' ').append(fill(bestTemplate(r, secondary, present), present, required));
    }
    b.append(
        switch (channel) {
          case EMAIL, WEB_FORM -> "\n\nBest regards,\nThe Support Team";
          case CHAT, SOCIAL -> " Anything else I can help with?";
          case VOICE_TRANSCRIPT -> " Is there anything else I can help you with today?";
        });
    return new Reply(b.toString(), new ArrayList<>(required));
  }

  /** Among the templates whose slots are all available, one of those using the most slots. */
  private static String bestTemplate(
      SplittableRandom r, Intent intent, Map<EntityType, String> present) {
    List<String> best = new ArrayList<>();
    int bestSlots = -1;
    for (String t : intent.replies()) {
      Set<String> slots = Intent.slotsOf(t);
      if (!slots.stream().allMatch(s -> present.containsKey(TicketGenerator.slotType(s)))) {
        continue;
      }
      if (slots.size() > bestSlots) {
        best.clear();
        bestSlots = slots.size();
      }
      if (slots.size() == bestSlots) {
        best.add(t);
      }
    }
    return TicketGenerator.pickOf(r, best);
  }

  private static String fill(String template, Map<EntityType, String> present, Set<String> used) {
    Matcher m = SLOT.matcher(template);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String value = present.get(TicketGenerator.slotType(m.group(1)));
      used.add(value);
      m.appendReplacement(b, Matcher.quoteReplacement(value));
    }
    m.appendTail(b);
    return b.toString();
  }
}
