package dev.smallfirst.tickets;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates realistic support tickets with the ground truth of every stage: one or two intents,
 * entities with exact offsets, sentiment, channel and audience, typos and casing noise, and a
 * reference reply. The same seed always yields the same sequence of tickets. Not thread-safe: use
 * one generator per thread (seeds {@code s}, {@code s + 1}, ... for parallel streams).
 *
 * <pre>{@code
 * TicketGenerator gen = new TicketGenerator(42);
 * Ticket t = gen.next();
 * List<Ticket> batch = gen.next(1000);
 * }</pre>
 */
public final class TicketGenerator {

  private static final Pattern SLOT = Pattern.compile("\\{([A-Z]+)}");
  private static final List<String> NEGATIVE_TONES =
      List.of(
          "This is really frustrating.",
          "I'm very disappointed.",
          "This is unacceptable!",
          "Honestly this is ridiculous.",
          "I'm so annoyed right now.",
          "Third time I'm writing about this!!",
          "Not happy at all.",
          "Please sort this out ASAP.",
          "Worst customer service I've ever had.",
          "Thanks for nothing.",
          "Your support is useless.",
          "I'm about done with this company.");

  /**
   * Negative without a feeling word: what went wrong, said flatly. Real complaints mostly read like
   * this ("on hold for an hour"), and a model that only saw the tones above learnt that negative
   * means an angry phrase, so it answered neutral to them.
   */
  static final List<String> TROUBLES =
      List.of(
          "I've been waiting for over two weeks now.",
          "I've been on hold for 45 minutes.",
          "Nobody has replied to my last two emails.",
          "This is the third time I'm asking.",
          "Your website keeps giving me an error.",
          "I still haven't heard back from anyone.",
          "The app logs me out every time I try.",
          "I was told someone would call me back yesterday and nobody did.",
          "Your chat just keeps sending me in circles.",
          "It's been a week and nothing has changed.",
          "The tracking page hasn't updated in ten days.",
          "I already explained all of this to one of your agents.",
          "Still no answer from your team.",
          "No one seems to know what is going on.",
          "The delivery window came and went.",
          "I was promised this would be fixed last week.");

  private static final List<String> POSITIVE_TONES =
      List.of(
          "Thanks so much, you guys are great!",
          "Thanks in advance, love your service.",
          "Really appreciate your help!",
          "Have a lovely day :)",
          "Your team sorted my last problem in minutes, thank you!",
          "Great experience so far.",
          "The delivery was quick, very happy with it.",
          "You've been super helpful as always.",
          "Cheers for the quick reply!",
          "Loving the new app update.",
          "Keep up the good work!");
  private static final List<String> FILLERS =
      List.of(
          "I've been a customer for years.",
          "I tried the help center first but couldn't find an answer.",
          "I'm writing from my phone, sorry for any mistakes.",
          "My partner ordered from you last month too.",
          "I tried calling but the line was busy.");

  /** Vague asks: the category is clear, the exact intent is not (near-synonym confusions). */
  private static final Map<String, List<String>> VAGUE =
      Map.ofEntries(
          Map.entry(
              "order",
              List.of(
                  "I have a question about my order {ORDER}.", "Something is off with my order.")),
          Map.entry(
              "shipping_address",
              List.of("It's about my shipping address.", "Question about the address on file.")),
          Map.entry(
              "cancellation_fee",
              List.of("I have a question about a fee.", "What about the charges if I cancel?")),
          Map.entry(
              "invoice",
              List.of("I have a question about my invoice.", "Something about bill {INVOICE}.")),
          Map.entry(
              "payment",
              List.of("There's a problem with paying.", "Question about paying {AMOUNT}.")),
          Map.entry(
              "refund",
              List.of("It's about a refund.", "Question about money back for order {ORDER}.")),
          Map.entry(
              "feedback",
              List.of("I have some feedback for you.", "A few thoughts about the {PRODUCT}.")),
          Map.entry("contact", List.of("I need to talk to someone.", "How do I reach you?")),
          Map.entry(
              "account",
              List.of(
                  "I need help with my account.", "Something is wrong with my account {EMAIL}.")),
          Map.entry(
              "delivery",
              List.of("Question about delivery.", "Something about shipping the {PRODUCT}.")),
          Map.entry(
              "newsletter", List.of("It's about your emails.", "Question about the newsletter.")));

  /** Entity types written in words, so the ticket's casing applies to them too. */
  private static final Set<EntityType> WORDS =
      EnumSet.of(
          EntityType.PRODUCT,
          EntityType.PERSON_NAME,
          EntityType.DELIVERY_CITY,
          EntityType.DELIVERY_COUNTRY,
          EntityType.ACCOUNT_TYPE);

  private static final List<String> CONNECTORS =
      List.of("Also, ", "And ", "Oh and ", "One more thing: ", "Besides that, ");

  private final long seed;
  private final SplittableRandom random;
  private final int totalWeight;
  private long count;

  /** A generator whose output depends only on {@code seed}. */
  public TicketGenerator(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.totalWeight = Intent.all().stream().mapToInt(Intent::weight).sum();
  }

  /** The next {@code n} tickets. */
  public List<Ticket> next(int n) {
    List<Ticket> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    return out;
  }

  /** The next ticket. */
  public Ticket next() {
    SplittableRandom r = random.split();
    String id = "T-" + seed + "-" + (count++);
    Intent primary = pickIntent(r);
    Intent secondary = null;
    if (r.nextInt(4) == 0) {
      Intent candidate = pickIntent(r);
      if (!candidate.label().equals(primary.label()) && compatible(primary, candidate)) {
        secondary = candidate;
      }
    }
    Channel channel = pick(r, Channel.values(), 35, 30, 15, 10, 10);
    Audience audience = r.nextInt(10) < 7 ? Audience.CUSTOMER : Audience.AGENT;
    Tier tier = pick(r, Tier.values(), 30, 45, 18, 7);
    Sentiment sentiment = sentimentFor(primary, r);
    Style style = Style.pick(r, channel, sentiment);
    Map<EntityType, String> values = values(r);

    SpanText body = new SpanText();
    opener(body, r, channel, style);
    if (r.nextInt(10) < 3) {
      addSentence(body, style, r, pickOf(r, FILLERS), values);
    }
    if (r.nextInt(10) < 3) {
      addSentence(
          body,
          style,
          r,
          pickOf(
              r,
              List.of(
                  "I ordered the {PRODUCT} on {DATE}.",
                  "My order number is {ORDER}.",
                  "It cost me {AMOUNT}.")),
          values);
    }
    String ask =
        r.nextInt(100) < 8 ? pickOf(r, VAGUE.get(primary.category())) : pickOf(r, primary.asks());
    addSentence(body, style, r, ask, values);
    if (secondary != null) {
      String also = pickOf(r, secondary.also());
      addSentence(body, style, r, pickOf(r, CONNECTORS) + also, values);
    }
    if (sentiment == Sentiment.NEGATIVE && (primary.tone() == null || r.nextInt(10) < 6)) {
      // a flat account of the trouble, a feeling word, or both
      int how = r.nextInt(4);
      if (how < 2) {
        addSentence(body, style, r, pickOf(r, TROUBLES), values);
      }
      if (how > 0) {
        addSentence(body, style, r, pickOf(r, NEGATIVE_TONES), values);
      }
    } else if (sentiment == Sentiment.POSITIVE && (primary.tone() == null || r.nextBoolean())) {
      addSentence(body, style, r, pickOf(r, POSITIVE_TONES), values);
    }
    if (r.nextInt(12) == 0) {
      addSentence(body, style, r, "You can reach me at {EMAIL}.", values);
    }
    boolean signed = closing(body, r, channel, style, values);

    List<String> intents = new ArrayList<>();
    intents.add(primary.label());
    if (secondary != null) {
      intents.add(secondary.label());
    }
    List<Entity> entities = body.entities();
    Map<EntityType, String> present = new EnumMap<>(EntityType.class);
    for (Entity e : entities) {
      present.putIfAbsent(e.type(), e.value());
    }
    ReplyWriter.Reply reply =
        ReplyWriter.write(r, primary, secondary, sentiment, channel, present, signed);
    String subject =
        channel == Channel.EMAIL || channel == Channel.WEB_FORM ? subject(r, primary) : null;
    return new Ticket(
        id,
        channel,
        audience,
        tier,
        subject,
        body.text(),
        intents,
        entities,
        sentiment,
        reply.text(),
        reply.required());
  }

  private Intent pickIntent(SplittableRandom r) {
    int x = r.nextInt(totalWeight);
    for (Intent i : Intent.all()) {
      x -= i.weight();
      if (x < 0) {
        return i;
      }
    }
    throw new IllegalStateException("weights");
  }

  private static boolean compatible(Intent a, Intent b) {
    return b.tone() == null || b.tone() == a.tone();
  }

  private static Sentiment sentimentFor(Intent primary, SplittableRandom r) {
    if (primary.tone() != null) {
      return primary.tone();
    }
    int x = r.nextInt(100);
    return x < 55 ? Sentiment.NEUTRAL : x < 88 ? Sentiment.NEGATIVE : Sentiment.POSITIVE;
  }

  private static Map<EntityType, String> values(SplittableRandom r) {
    Map<EntityType, String> v = new EnumMap<>(EntityType.class);
    String person = EntityValues.person(r);
    v.put(EntityType.PERSON_NAME, person);
    v.put(EntityType.ORDER_ID, EntityValues.orderId(r));
    v.put(EntityType.AMOUNT, EntityValues.amount(r));
    v.put(EntityType.DATE, EntityValues.date(r));
    v.put(EntityType.PRODUCT, EntityValues.product(r));
    v.put(EntityType.EMAIL, EntityValues.email(r, r.nextBoolean() ? person : null));
    v.put(EntityType.INVOICE_ID, EntityValues.invoiceId(r));
    v.put(EntityType.REFUND_AMOUNT, EntityValues.refundAmount(r));
    v.put(EntityType.DELIVERY_CITY, EntityValues.city(r));
    v.put(EntityType.DELIVERY_COUNTRY, EntityValues.country(r));
    v.put(EntityType.ACCOUNT_TYPE, EntityValues.accountType(r));
    return v;
  }

  private static void opener(SpanText body, SplittableRandom r, Channel channel, Style style) {
    String opener =
        switch (channel) {
          case EMAIL ->
              pickOf(r, List.of("Hi,\n", "Hello team,\n", "Dear Support,\n", "", "Hi there,\n"));
          case CHAT -> pickOf(r, List.of("hi ", "hello, ", "", "hey "));
          case WEB_FORM -> "";
          case SOCIAL -> pickOf(r, List.of("@ShopSupport ", "@ShopSupport hey ", ".@ShopSupport "));
          case VOICE_TRANSCRIPT -> pickOf(r, List.of("yeah hi um ", "hello yes ", "hi so ", ""));
        };
    body.append(style.literal(opener, r, false));
  }

  private static boolean closing(
      SpanText body, SplittableRandom r, Channel channel, Style style, Map<EntityType, String> v) {
    if (channel != Channel.EMAIL && channel != Channel.WEB_FORM) {
      return false;
    }
    int kind = r.nextInt(10);
    if (kind < 6) {
      body.append(
          style.literal(
              pickOf(r, List.of("\nThanks,\n", "\nRegards,\n", "\nBest,\n", "\n")), r, false));
      body.entity(EntityType.PERSON_NAME, style.entity(v.get(EntityType.PERSON_NAME)));
      return true;
    }
    if (kind < 8) {
      body.append(style.literal("\nThank you", r, false));
    }
    return false;
  }

  private static void addSentence(
      SpanText body, Style style, SplittableRandom r, String template, Map<EntityType, String> v) {
    if (body.length() > 0 && !Character.isWhitespace(body.lastChar())) {
      body.append(" ");
    }
    Matcher m = SLOT.matcher(template);
    int at = 0;
    boolean first = true;
    while (m.find()) {
      body.append(style.literal(template.substring(at, m.start()), r, first));
      first = false;
      EntityType type = slotType(m.group(1));
      String value = v.get(type);
      body.entity(type, WORDS.contains(type) ? style.entity(value) : value);
      at = m.end();
    }
    body.append(style.literal(template.substring(at), r, first));
  }

  /** The entity type behind a template slot name. */
  static EntityType slotType(String slot) {
    return switch (slot) {
      case "ORDER" -> EntityType.ORDER_ID;
      case "PRODUCT" -> EntityType.PRODUCT;
      case "AMOUNT" -> EntityType.AMOUNT;
      case "DATE" -> EntityType.DATE;
      case "EMAIL" -> EntityType.EMAIL;
      case "NAME" -> EntityType.PERSON_NAME;
      case "INVOICE" -> EntityType.INVOICE_ID;
      case "REFUND" -> EntityType.REFUND_AMOUNT;
      case "CITY" -> EntityType.DELIVERY_CITY;
      case "COUNTRY" -> EntityType.DELIVERY_COUNTRY;
      case "ACCOUNT" -> EntityType.ACCOUNT_TYPE;
      default -> throw new IllegalArgumentException("unknown slot " + slot);
    };
  }

  private static String subject(SplittableRandom r, Intent intent) {
    return switch (intent.category()) {
      case "order" -> pickOf(r, List.of("My order", "Order question", "Order update?"));
      case "shipping_address" -> pickOf(r, List.of("Shipping address", "Address change"));
      case "cancellation_fee" -> pickOf(r, List.of("Cancellation fee", "Fees"));
      case "invoice" -> pickOf(r, List.of("Invoice", "Billing question", "Receipt"));
      case "payment" -> pickOf(r, List.of("Payment problem", "Paying", "Charge on my card"));
      case "refund" -> pickOf(r, List.of("Refund", "Money back", "Refund status"));
      case "contact" -> pickOf(r, List.of("Contact", "Speak to someone"));
      case "account" -> pickOf(r, List.of("Account help", "My account", "Login"));
      case "delivery" -> pickOf(r, List.of("Delivery", "Shipping question"));
      case "newsletter" -> pickOf(r, List.of("Newsletter", "Marketing emails"));
      default -> pickOf(r, List.of("Feedback", "Complaint", "A few thoughts"));
    };
  }

  static <T> T pickOf(SplittableRandom r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom r, T[] items, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; i < items.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return items[i];
      }
    }
    return items[items.length - 1];
  }

  /** Surface noise of one ticket: casing, typos, punctuation. */
  private record Style(Casing casing, double typoRate, boolean stripPunctuation) {
    enum Casing {
      NORMAL,
      LOWER,
      UPPER
    }

    static Style pick(SplittableRandom r, Channel channel, Sentiment sentiment) {
      Casing casing = Casing.NORMAL;
      int x = r.nextInt(100);
      boolean informal = channel == Channel.CHAT || channel == Channel.SOCIAL;
      if (channel == Channel.VOICE_TRANSCRIPT || (informal && x < 40) || x < 8) {
        casing = Casing.LOWER;
      } else if (sentiment == Sentiment.NEGATIVE && x > 95) {
        casing = Casing.UPPER;
      }
      double typos = r.nextInt(2) == 0 ? 0 : 0.01 + r.nextDouble() * (informal ? 0.08 : 0.04);
      return new Style(casing, typos, channel == Channel.VOICE_TRANSCRIPT);
    }

    String entity(String value) {
      return switch (casing) {
        case NORMAL -> value;
        case LOWER -> value.toLowerCase(Locale.ROOT);
        case UPPER -> value.toUpperCase(Locale.ROOT);
      };
    }

    String literal(String s, SplittableRandom r, boolean sentenceStart) {
      String out = typos(s, r);
      if (stripPunctuation) {
        out = out.replaceAll("[.,!?;:]", "");
      }
      return switch (casing) {
        case NORMAL -> out;
        case LOWER -> out.toLowerCase(Locale.ROOT);
        case UPPER -> out.toUpperCase(Locale.ROOT);
      };
    }

    private String typos(String s, SplittableRandom r) {
      if (typoRate == 0) {
        return s;
      }
      StringBuilder b = new StringBuilder(s.length());
      for (String word : s.split("(?<= )", -1)) {
        String core = word.strip();
        if (core.length() > 3
            && core.chars().allMatch(Character::isLetter)
            && r.nextDouble() < typoRate) {
          int i = 1 + r.nextInt(core.length() - 2);
          core =
              switch (r.nextInt(3)) {
                case 0 ->
                    core.substring(0, i)
                        + core.charAt(i + 1)
                        + core.charAt(i)
                        + core.substring(i + 2);
                case 1 -> core.substring(0, i) + core.substring(i + 1);
                default -> core.substring(0, i) + core.charAt(i) + core.substring(i);
              };
          b.append(core).append(word.endsWith(" ") ? " " : "");
        } else {
          b.append(word);
        }
      }
      return b.toString();
    }
  }
}
