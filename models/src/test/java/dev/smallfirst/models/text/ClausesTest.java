package dev.smallfirst.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class ClausesTest {

  @Test
  void shouldSplitAtSentenceEndsAndLeaveOutGreetings() {
    assertThat(Clauses.of("Hello team, Where is order #123? I need an invoice too. Thanks"))
        .containsExactly("Hello team, Where is order #123?", "I need an invoice too.");
    assertThat(Clauses.of("Hi. Where is my refund?")).containsExactly("Where is my refund?");
  }

  @Test
  void shouldSplitBeforeAConnectorThatOpensAnotherRequest() {
    assertThat(Clauses.of("no refund yet And please cancel order #665215"))
        .containsExactly("no refund yet", "And please cancel order #665215");
    assertThat(Clauses.of("where is my parcel one more thing: i need my invoice"))
        .containsExactly("where is my parcel", "one more thing: i need my invoice");
    assertThat(Clauses.of("track my order, oh and change my address"))
        .containsExactly("track my order,", "oh and change my address");
  }

  @Test
  void shouldKeepAnAndThatDoesNotOpenARequest() {
    assertThat(Clauses.of("I want to cancel and get my money back"))
        .containsExactly("I want to cancel and get my money back");
    assertThat(Clauses.of("the total plus shipping looks wrong"))
        .containsExactly("the total plus shipping looks wrong");
  }

  @Test
  void shouldReturnTheWholeTextWhenNothingSplitsOrEveryPartIsTooShort() {
    assertThat(Clauses.of("refund")).containsExactly("refund");
    assertThat(Clauses.of("  Thanks.  ")).containsExactly("Thanks.");
  }

  @Test
  void shouldJoinTheTailOfAVeryLongMessageIntoTheLastClause() {
    String text = String.join(" ", Collections.nCopies(9, "Where is my order?"));
    assertThat(Clauses.of(text)).hasSize(Clauses.MAX);
    assertThat(Clauses.of(text).get(Clauses.MAX - 1))
        .isEqualTo(
            String.join(" ", Collections.nCopies(9 - Clauses.MAX + 1, "Where is my order?")));
  }
}
