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
        .contains(
            "orders",
            "billing",
            "account",
            "shipping",
            "technical",
            "cancellation",
            "complaint",
            "feedback");
    assertThat(channels).containsExactlyInAnyOrder(Channel.values());
    assertThat(sentiments).containsExactlyInAnyOrder(Sentiment.values());
    assertThat(types).containsExactlyInAnyOrder(EntityType.values());
  }

  @Test
  void shouldMixMultiIntentTicketsTyposAndLowerCase() {
    long multi = TICKETS.stream().filter(t -> t.intents().size() > 1).count();
    long lower = TICKETS.stream().filter(t -> t.body().equals(t.body().toLowerCase())).count();
    assertThat(multi).isBetween(200L, 800L);
    assertThat(lower).isGreaterThan(200L);
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
