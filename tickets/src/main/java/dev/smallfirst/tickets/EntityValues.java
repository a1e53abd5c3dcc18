package dev.smallfirst.tickets;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic, fictional entity values: order and invoice numbers, e-mails, amounts, refund amounts,
 * dates, products, names, delivery cities and countries, account types.
 */
final class EntityValues {

  static final List<String> FIRST_NAMES =
      List.of(
          "Maria", "James", "Aisha", "Chen", "Olga", "Mateo", "Priya", "Tom", "Fatima", "Lukas",
          "Sofia", "Kwame", "Yuki", "Daniel", "Amara", "Ivan", "Lena", "Omar", "Grace", "Raj",
          "Emma", "Noah", "Zainab", "Hiro", "Elena", "Samuel", "Ana", "Ben", "Chloe", "Diego");
  static final List<String> LAST_NAMES =
      List.of(
          "Lopez", "Smith", "Okafor", "Wang", "Petrova", "Garcia", "Sharma", "Brown", "Haddad",
          "Muller", "Rossi", "Mensah", "Tanaka", "Cohen", "Nwosu", "Novak", "Schmidt", "Khan",
          "Kim", "Patel");
  static final List<String> PRODUCTS =
      List.of(
          "Aurora X2 headphones",
          "NimbusBook 14",
          "SmartKettle Pro",
          "TrailRunner GTX shoes",
          "Lumen desk lamp",
          "PixelCam 4K",
          "FlexFit yoga mat",
          "Orbit smartwatch",
          "Cascade coffee grinder",
          "Vista 27 monitor",
          "EchoDot speaker",
          "Breeze air purifier",
          "Summit backpack",
          "Nova phone case",
          "Atlas office chair",
          "Zen robot vacuum",
          "Glide electric toothbrush",
          "Pulse fitness tracker",
          "Harbor rain jacket",
          "Ember space heater",
          "Premium membership",
          "StreamPlus subscription");
  static final List<String> CITIES =
      List.of(
          "Toronto",
          "Munich",
          "Lyon",
          "Osaka",
          "Austin",
          "Porto",
          "Krakow",
          "Melbourne",
          "Cape Town",
          "Nairobi",
          "Dublin",
          "Seville",
          "Rotterdam",
          "Denver",
          "Glasgow",
          "Turin",
          "Vancouver",
          "Gothenburg",
          "Auckland",
          "Leeds");
  static final List<String> COUNTRIES =
      List.of(
          "Canada",
          "Germany",
          "Japan",
          "Brazil",
          "Kenya",
          "Australia",
          "Spain",
          "Mexico",
          "Poland",
          "Norway",
          "India",
          "South Africa",
          "Ireland",
          "the Netherlands",
          "Portugal",
          "New Zealand",
          "Italy",
          "Sweden",
          "the UK",
          "the USA");
  static final List<String> ACCOUNT_TYPES =
      List.of(
          "free",
          "basic",
          "standard",
          "premium",
          "gold",
          "platinum",
          "pro",
          "business",
          "family",
          "student",
          "freemium");
  private static final List<String> DOMAINS =
      List.of("example.com", "mailbox.net", "inbox.org", "post.example", "webmail.io");
  private static final List<String> MONTHS =
      List.of(
          "January",
          "February",
          "March",
          "April",
          "May",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December");

  private EntityValues() {}

  static String orderId(SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> "#" + (100000 + r.nextInt(900000));
      case 1 -> "ORD-" + (2023 + r.nextInt(3)) + "-" + String.format("%06d", r.nextInt(1000000));
      case 2 -> "SF" + (1000000 + r.nextInt(9000000));
      default -> "A-" + (10000 + r.nextInt(90000));
    };
  }

  /**
   * Invoice numbers: {@code INV-48213} and {@code INV20240517} (the formats the invoice validator
   * confirms) and Bitext's {@code #85632} (five digits, where order numbers have six).
   */
  static String invoiceId(SplittableRandom r) {
    return switch (r.nextInt(3)) {
      case 0 -> "INV-" + (10000 + r.nextInt(90000));
      case 1 -> "INV" + (2024 + r.nextInt(2)) + String.format("%04d", r.nextInt(10000));
      default -> "#" + String.format("%05d", r.nextInt(100000));
    };
  }

  /**
   * A refund amount as Bitext writes it: the bare number ({@code 350}, {@code 49.99}, {@code
   * 1,200}); the templates put a currency word after it, never a symbol, so the amount validator
   * (which wants {@code $} or {@code USD}) leaves the span to the tagger.
   */
  static String refundAmount(SplittableRandom r) {
    int whole = r.nextInt(8) == 0 ? 1000 + r.nextInt(1000) : 5 + r.nextInt(495);
    return r.nextInt(3) == 0
        ? String.format(Locale.ROOT, "%,d.%02d", whole, r.nextInt(100))
        : String.format(Locale.ROOT, r.nextBoolean() ? "%,d" : "%d", whole);
  }

  static String city(SplittableRandom r) {
    return CITIES.get(r.nextInt(CITIES.size()));
  }

  static String country(SplittableRandom r) {
    return COUNTRIES.get(r.nextInt(COUNTRIES.size()));
  }

  /** An account type, lower case or capitalised ({@code premium}, {@code Gold}). */
  static String accountType(SplittableRandom r) {
    String t = ACCOUNT_TYPES.get(r.nextInt(ACCOUNT_TYPES.size()));
    return r.nextBoolean() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
  }

  static String amount(SplittableRandom r) {
    int cents = r.nextInt(4) == 0 ? 0 : r.nextInt(100);
    int whole = r.nextInt(10) == 0 ? 100 + r.nextInt(1900) : 5 + r.nextInt(195);
    String number =
        cents == 0 && r.nextBoolean()
            ? String.format(Locale.ROOT, "%,d", whole)
            : String.format(Locale.ROOT, "%,d.%02d", whole, cents);
    return switch (r.nextInt(6)) {
      case 0 -> "€" + number;
      case 1 -> "£" + number;
      case 2 -> number + " USD";
      default -> "$" + number;
    };
  }

  static String date(SplittableRandom r) {
    String month = MONTHS.get(r.nextInt(12));
    int day = 1 + r.nextInt(28);
    return switch (r.nextInt(5)) {
      case 0 -> month + " " + day;
      case 1 -> day + " " + month;
      case 2 -> month.substring(0, 3) + " " + day + ordinal(day);
      case 3 -> String.format("%02d/%02d/%d", MONTHS.indexOf(month) + 1, day, 2024 + r.nextInt(2));
      default -> String.format("%d-%02d-%02d", 2024 + r.nextInt(2), MONTHS.indexOf(month) + 1, day);
    };
  }

  private static String ordinal(int day) {
    if (day >= 11 && day <= 13) {
      return "th";
    }
    return switch (day % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }

  static String product(SplittableRandom r) {
    return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
  }

  static String person(SplittableRandom r) {
    String first = FIRST_NAMES.get(r.nextInt(FIRST_NAMES.size()));
    return r.nextInt(3) == 0 ? first + " " + LAST_NAMES.get(r.nextInt(LAST_NAMES.size())) : first;
  }

  static String email(SplittableRandom r, String person) {
    String local =
        person == null
            ? FIRST_NAMES.get(r.nextInt(FIRST_NAMES.size())).toLowerCase(Locale.ROOT)
                + r.nextInt(100)
            : person.toLowerCase(Locale.ROOT).replace(' ', '.');
    return local + "@" + DOMAINS.get(r.nextInt(DOMAINS.size()));
  }
}
