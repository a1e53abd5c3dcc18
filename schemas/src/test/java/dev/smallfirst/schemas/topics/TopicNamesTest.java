package dev.smallfirst.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.Stage;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

  @Test
  void shouldNameTopicsAsTheDesignSays() {
    TopicNames topics = TopicNames.unprefixed();

    assertThat(topics.messages()).isEqualTo("support.messages");
    assertThat(topics.deadLetters()).isEqualTo("support.dlq");
    assertThat(topics.replies()).isEqualTo("support.replies");
    assertThat(topics.escalations()).isEqualTo("support.escalations");
    assertThat(topics.escalationResults()).isEqualTo("support.escalations.results");
    assertThat(topics.stageRequests(Stage.CLASSIFY)).isEqualTo("stage.classify.requests");
    assertThat(topics.stageResults(Stage.DRAFT)).isEqualTo("stage.draft.results");
  }

  @Test
  void shouldPutThePrefixInFrontOfEveryName() {
    TopicNames topics = TopicNames.withPrefix("acme.");

    assertThat(topics.all()).hasSize(14).allMatch(name -> name.startsWith("acme."));
    assertThat(topics.all()).doesNotHaveDuplicates();
  }

  @Test
  void shouldRefuseStagesWithoutAWorkerTopic() {
    assertThatThrownBy(() -> TopicNames.unprefixed().stageRequests(Stage.POLISH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POLISH");
  }

  @Test
  void shouldNameTheKeyOfAnIllegalPrefix() {
    assertThatThrownBy(() -> TopicNames.withPrefix("acme/prod."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TopicNames.PREFIX_KEY)
        .hasMessageContaining("acme/prod.");
  }

  @Test
  void shouldRefuseAPrefixThatMakesNamesTooLongForKafka() {
    assertThatThrownBy(() -> TopicNames.withPrefix("x".repeat(240))).hasMessageContaining("249");
  }
}
