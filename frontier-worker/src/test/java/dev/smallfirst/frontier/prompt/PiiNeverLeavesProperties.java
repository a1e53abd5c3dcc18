package dev.smallfirst.frontier.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.Extraction;
import dev.smallfirst.records.SupportMessage;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated personal data in many formats, placed in every block of an escalation (subject, body,
 * extracted entities, also as fragments, and the small draft), never reaches the rendered prompt:
 * neither the value nor any 7 consecutive digits of it.
 */
class PiiNeverLeavesProperties {
  private static final PromptSettings SETTINGS =
      new PromptSettings("Acme", PromptSettings.DEFAULT_POLICY, 200, 4_000, true);
  private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[ .()/-]*\\d)*");

  /** One piece of personal data: how it is written, and how an extract model might cut it. */
  record Pii(String written, String fragment) {
    String digits() {
      return written.replaceAll("[^0-9]", "");
    }
  }

  @Property(tries = 400)
  void shouldSendNoPersonalDataInAnyBlock(
      @ForAll("pii") Pii a, @ForAll("pii") Pii b, @ForAll("pii") Pii c) {
    // Given personal data in the subject, the body, the entities and the draft
    EscalationRequest base =
        Escalations.request(
            "m-p",
            "Hello, reach me at " + a.written() + " or " + b.written() + ". Thanks.",
            Instant.EPOCH,
            Duration.ofMinutes(1));
    EscalationRequest request =
        EscalationRequest.newBuilder(base)
            .setMessage(
                SupportMessage.newBuilder(base.getMessage())
                    .setSubject("Refund to " + c.written())
                    .build())
            .setExtraction(
                new Extraction(
                    List.of(
                        new Entity("AMOUNT", a.fragment(), 19, 30, 0.4),
                        new Entity("PHONE", b.written(), 34, 50, 0.9),
                        new Entity("ORDER_ID", "A-10442", 60, 67, 0.97))))
            .setSmallDraft(
                new Draft("We will call " + a.fragment() + " and refund " + c.fragment(), 0.5, 12))
            .build();

    // When the prompt is rendered
    Prompt prompt = new PromptTemplate(SETTINGS, new Random(1)).render(request, PiiVault.masking());

    // Then none of it is in the prompt, and order numbers still are
    String wire = prompt.system() + "\n" + prompt.user();
    for (Pii pii : List.of(a, b, c)) {
      assertThat(wire).doesNotContain(pii.written()).doesNotContain(pii.fragment());
      assertNoSevenDigitsOf(pii, wire);
    }
    assertThat(prompt.user()).contains("A-10442");
  }

  private static void assertNoSevenDigitsOf(Pii pii, String wire) {
    String digits = pii.digits();
    Matcher m = DIGIT_RUN.matcher(wire);
    while (m.find()) {
      String run = m.group().replaceAll("[^0-9]", "");
      for (int i = 0; i + 7 <= run.length(); i++) {
        assertThat(digits)
            .as("digits %s of %s in the prompt", run, pii.written())
            .doesNotContain(run.substring(i, i + 7));
      }
    }
  }

  @Provide
  Arbitrary<Pii> pii() {
    return Arbitraries.oneOf(phones(), cards(), ibans(), emails());
  }

  private static Arbitrary<String> digits(int n) {
    return Arbitraries.strings().numeric().ofLength(n);
  }

  private static Arbitrary<Pii> phones() {
    Arbitrary<String> area = Arbitraries.integers().between(201, 989).map(String::valueOf);
    return Combinators.combine(
            area, digits(3), digits(4), digits(4), Arbitraries.integers().between(0, 7))
        .as(
            (a, x, y, z, format) ->
                switch (format) {
                  case 0 -> new Pii("(" + a + ") " + x + "-" + y, a + ") " + x + "-" + y);
                  case 1 -> new Pii("+1 " + a + " " + x + " " + y, a + " " + x + " " + y);
                  case 2 -> new Pii("+1-" + a + "-" + x + "-" + y, a + "-" + x + "-" + y);
                  case 3 -> new Pii("+44 20 " + y + " " + z, "20 " + y + " " + z);
                  case 4 -> new Pii("+49 (0)30 " + x + y, "(0)30 " + x + y);
                  case 5 ->
                      new Pii(
                          "+33 1 "
                              + y.substring(0, 2)
                              + " "
                              + y.substring(2)
                              + " "
                              + z.substring(0, 2)
                              + " "
                              + z.substring(2),
                          "1 "
                              + y.substring(0, 2)
                              + " "
                              + y.substring(2)
                              + " "
                              + z.substring(0, 2)
                              + " "
                              + z.substring(2));
                  case 6 -> new Pii(a + "." + x + "." + y, a + "." + x + "." + y);
                  default -> new Pii("0044 20 " + y + " " + z, "20 " + y + " " + z);
                });
  }

  private static Arbitrary<Pii> cards() {
    return Combinators.combine(digits(15), Arbitraries.of(" ", "-", ""))
        .as(
            (body, sep) -> {
              String number = "4" + body.substring(1) + luhnDigit("4" + body.substring(1));
              List<String> groups = new ArrayList<>();
              for (int i = 0; i < 16; i += 4) {
                groups.add(number.substring(i, i + 4));
              }
              String written = String.join(sep, groups);
              return new Pii(written, String.join(sep, groups.subList(1, 4)));
            });
  }

  private static Arbitrary<Pii> ibans() {
    return Combinators.combine(
            Arbitraries.of("GB", "DE", "FR", "NL"),
            Arbitraries.strings().withCharRange('A', 'Z').ofLength(4),
            digits(14),
            Arbitraries.of(true, false))
        .as(
            (country, bank, account, grouped) -> {
              String bban = bank + account;
              String iban = country + checkDigits(country, bban) + bban;
              String written = grouped ? iban.replaceAll("(.{4})(?!$)", "$1 ") : iban;
              return new Pii(written, written);
            });
  }

  private static Arbitrary<Pii> emails() {
    return Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10),
            Arbitraries.of("com", "co.uk", "de", "io"))
        .as(
            (user, domain, tld) ->
                new Pii(
                    user + "." + user + "@" + domain + "." + tld,
                    user + "." + user + "@" + domain + "." + tld));
  }

  private static char luhnDigit(String fifteen) {
    int sum = 0;
    for (int i = 0; i < fifteen.length(); i++) {
      int d = fifteen.charAt(fifteen.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  private static String checkDigits(String country, String bban) {
    StringBuilder numeric = new StringBuilder();
    for (char ch : (bban + country + "00").toCharArray()) {
      numeric.append(Character.digit(ch, 36));
    }
    int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
    return String.format("%02d", check);
  }
}
