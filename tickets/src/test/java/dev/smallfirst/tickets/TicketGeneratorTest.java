package dev.smallfirst.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketGeneratorTest {

  private static final List<Ticket> TICKETS = new TicketGenerator(7).next(2000);

  @Test
  void shouldGenerateTheSameTicketsForTheSameSeed() {
    // Given two generators with one seed
    // When both generate
    List<Ticket> again = new TicketGenerator(7).next(2000);
    // Then the sequences are equal, and another seed gives other tickets
    assertThat(again).isEqualTo(TICKETS);
    assertThat(new TicketGenerator(8).next(50)).isNotEqualTo(TICKETS.subList(0, 50));
  }

  @Test
  void shouldPlaceEveryEntityAtItsOffsets() {
    for (Ticket t : TICKETS) {
      for (Entity e : t.entities()) {
        assertThat(t.body().substring(e.start(), e.end())).isEqualTo(e.value());
      }
    }
  }

  @Test
  void shouldRepeatEveryRequiredEntityInTheReference() {
    for (Ticket t : TICKETS) {
      for (String r : t.requiredEntities()) {
        assertThat(t.reference()).contains(r);
      }
    }
  }

  @Test
  void shouldCoverCategoriesChannelsSentimentsAndEntityTypes() {
    Set<String> categories = new HashSet<>();
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    Set<Sentiment> sentiments = EnumSet.noneOf(Sentiment.class);
    Set<EntityType> types = EnumSet.noneOf(EntityType.class);
    for (Ticket t : TICKETS) {
      categories.add(t.category());
      channels.add(t.channel());
      sentiments.add(t.sentiment());
      t.entities().forEach(e -> types.add(e.type()));
    }
    assertThat(categories)
        .containsExactlyInAnyOrder(
            "order",
            "shipping_address",
            "cancellation_fee",
            "invoice",
            "payment",
            "refund",
            "feedback",
            "contact",
            "account",
            "delivery",
            "newsletter");
    assertThat(channels).containsExactlyInAnyOrder(Channel.values());
    assertThat(sentiments).containsExactlyInAnyOrder(Sentiment.values());
    assertThat(types).containsExactlyInAnyOrder(EntityType.values());
  }

  @Test
  void shouldTellSomeNegativeTicketsOnlyWhatWentWrongAndNoOtherTicketThat() {
    // the first words of each flat account of trouble, as casing noise leaves them
    List<String> troubles =
        TicketGenerator.TROUBLES.stream()
            .map(t -> t.substring(0, 18).toLowerCase(java.util.Locale.ROOT))
            .toList();
    long negative = 0;
    long told = 0;
    for (Ticket t : TICKETS) {
      String body = t.body().toLowerCase(java.util.Locale.ROOT);
      boolean tells = troubles.stream().anyMatch(body::contains);
      if (t.sentiment() == Sentiment.NEGATIVE) {
        negative++;
        told += tells ? 1 : 0;
      } else {
        assertThat(tells).as("a %s ticket tells of trouble: %s", t.sentiment(), body).isFalse();
      }
    }
    assertThat((double) told / negative).isBetween(0.25, 0.75);
  }

  @Test
  void shouldMixMultiIntentTicketsTyposAndLowerCase() {
    long multi = TICKETS.stream().filter(t -> t.intents().size() > 1).count();
    long lower = TICKETS.stream().filter(t -> t.body().equals(t.body().toLowerCase())).count();
    assertThat(multi).isBetween(200L, 800L);
    assertThat(lower).isGreaterThan(200L);
  }

  @Test
  void shouldUseTheBitextTaxonomy() {
    // Given the catalogue
    // When its labels and groups are listed
    // Then they are Bitext's 27 bare intent names, grouped by their 11 categories
    assertThat(Intent.groups())
        .hasSize(27)
        .containsEntry("cancel_order", "order")
        .containsEntry("set_up_shipping_address", "shipping_address")
        .containsEntry("check_cancellation_fee", "cancellation_fee")
        .containsEntry("get_invoice", "invoice")
        .containsEntry("payment_issue", "payment")
        .containsEntry("track_refund", "refund")
        .containsEntry("complaint", "feedback")
        .containsEntry("contact_human_agent", "contact")
        .containsEntry("registration_problems", "account")
        .containsEntry("delivery_period", "delivery")
        .containsEntry("newsletter_subscription", "newsletter");
    assertThat(Intent.groups().keySet()).allMatch(l -> l.matches("[a-z_]+"));
  }

  @Test
  void shouldNeverClaimInAReplyThatAnActionWasPerformed() {
    // Given every reply template
    // When it is read
    // Then it says what will happen or how to do it, never "I've refunded" or "I've cancelled"
    for (Intent i : Intent.all()) {
      for (String reply : i.replies()) {
        assertThat(reply)
            .as(i.label())
            .doesNotContainPattern("(?i)\\b(I've|I have|we've|we have)\\b")
            .doesNotContainPattern("(?i)\\bhas been (refunded|cancell?ed|changed|updated|sent)");
      }
    }
  }

  @Test
  void shouldGiveEveryIntentAReplyWithoutSlotsAndAsksWithKnownSlots() {
    for (Intent i : Intent.all()) {
      assertThat(i.replies()).as(i.label()).anyMatch(t -> Intent.slotsOf(t).isEmpty());
      assertThat(i.asks()).as(i.label()).hasSizeGreaterThanOrEqualTo(6);
      for (String t : concat(i.asks(), i.also(), i.replies())) {
        Intent.slotsOf(t).forEach(TicketGenerator::slotType);
      }
    }
  }

  @Test
  void shouldLeaveRefundAmountsToTheTaggerAndKeepInvoiceNumbersApartFromOrders() {
    // Given refund amounts and invoice numbers in tickets
    // Then no refund amount carries a currency symbol (the amount validator would claim it)
    for (Ticket t : TICKETS) {
      for (Entity e : t.entities()) {
        if (e.type() == EntityType.REFUND_AMOUNT) {
          assertThat(e.value()).matches("[0-9][0-9,.]*");
          assertThat(t.body().substring(0, e.start())).doesNotEndWith("$").doesNotEndWith("€");
        }
        if (e.type() == EntityType.INVOICE_ID) {
          assertThat(e.value()).matches("INV-?\\d{5,8}|#\\d{5}");
        }
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b, List<String> c) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }

  @Test
  void shouldLabelEveryTicketWithAKnownIntent() {
    Set<String> labels = new HashSet<>();
    Intent.all().forEach(i -> labels.add(i.label()));
    for (Ticket t : TICKETS) {
      assertThat(labels).containsAll(t.intents());
    }
  }
}
