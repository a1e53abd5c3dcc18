package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load driver's Kafka plumbing on the real broker, against the test-only {@link EchoPipeline}
 * that replies to every message (twice to run-7, never to run-13, which it dead-letters instead).
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LoadRunIT {

  @Test
  void shouldCountRepliesDuplicatesAndDeadLettersOfTheRun(LocalStack stack) throws Exception {
    TopicNames topics = TopicNames.withPrefix("loadrun.");
    EchoPipeline.createTopics(stack.bootstrapServers(), topics);
    try (SchemaRegistryClient registry =
            SchemaRegistryClient.create(RegistrySettings.of(stack.registryUrl()));
        EchoPipeline echo =
            new EchoPipeline(
                stack.bootstrapServers(),
                registry,
                topics,
                id ->
                    switch (id) {
                      case "run-7" -> EchoPipeline.Answer.REPLY_TWICE;
                      case "run-13" -> EchoPipeline.Answer.DEAD_LETTER;
                      default -> EchoPipeline.Answer.REPLY;
                    })) {
      LoadRun.Plan plan =
          new LoadRun.Plan(
              stack.bootstrapServers(),
              topics,
              300,
              ArrivalSchedule.fixed(150),
              Duration.ofSeconds(20));

      LoadReport report =
          LoadRun.run(plan, registry, LoadRunIT::message, (sent, settled, total) -> {});

      assertThat(report.sent()).isEqualTo(300);
      assertThat(report.replies()).isEqualTo(299);
      assertThat(report.deadLettered()).isEqualTo(1);
      assertThat(report.duplicates()).isEqualTo(1);
      assertThat(report.missing()).isZero();
      assertThat(report.routes()).containsEntry("SMALL_ONLY", 299L);
      assertThat(report.latency().p50()).isPositive();
      assertThat(report.throughputPerSecond()).isPositive();
    }
  }

  static SupportMessage message(int i) {
    return SupportMessage.newBuilder()
        .setMessageId("run-" + i)
        .setTicketId("t" + (i % 17))
        .setTenantId("acme")
        .setChannel(dev.smallfirst.records.Channel.CHAT)
        .setCustomer(
            new dev.smallfirst.records.Customer("c", dev.smallfirst.records.CustomerTier.STANDARD))
        .setSubject(null)
        .setBody("where is my order?")
        .setLanguage(null)
        .setAudience(dev.smallfirst.records.Audience.AGENT)
        .setReceivedAt(Instant.now())
        .setAttributes(Map.of())
        .build();
  }
}
