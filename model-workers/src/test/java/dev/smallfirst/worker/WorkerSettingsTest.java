package dev.smallfirst.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
  private static final String NO_WAIT = "broker.check.timeout.ms";

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("stage", "classify");
    m.put("model.dir", "/models/classify");
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7");
    m.put("worker.id", "w-1");
    return m;
  }

  private static WorkerSettings parse(Map<String, String> m) {
    return WorkerSettings.from(ConfigSource.of(m));
  }

  @Test
  void shouldDefaultToTheStagesGroupAndSmallBatches() {
    WorkerSettings s = parse(minimal());

    assertThat(s.stage()).isEqualTo(Stage.CLASSIFY);
    assertThat(s.groupId()).isEqualTo("workers.classify");
    assertThat(s.transactionalId()).isEqualTo("workers.classify.w-1");
    assertThat(s.maxBatch()).isEqualTo(32);
    assertThat(s.maxDelay()).isEqualTo(Duration.ofMillis(5));
    assertThat(s.inferenceThreads()).isEqualTo(1);
    assertThat(s.load().device()).isEqualTo(LoadOptions.DevicePreference.AUTO);
    assertThat(s.load().overlong()).isEqualTo(LoadOptions.OverlongPolicy.REJECT);
    assertThat(s.skipExpired()).isTrue();
    assertThat(s.httpPort()).isEqualTo(8071);
    assertThat(s.replicationFactor()).isEqualTo((short) 3);
  }

  @Test
  void shouldNameAMistypedKeyAndTheNearestKnownOne() {
    Map<String, String> m = minimal();
    m.put("batch.max.sise", "64");

    assertThatThrownBy(() -> WorkerSettings.strict(ConfigSource.of(m)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("batch.max.sise: unknown setting; the nearest known one is batch.max.size");
  }

  @Test
  void shouldPrefixTheGroupLikeTheTopics() {
    Map<String, String> m = minimal();
    m.put("topic.prefix", "acme.");

    assertThat(parse(m).groupId()).isEqualTo("acme.workers.classify");
  }

  @Test
  void shouldNameTheKeyOfAMissingSetting() {
    Map<String, String> m = minimal();
    m.remove("model.dir");

    assertThatThrownBy(() -> parse(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model.dir");
  }

  @Test
  void shouldRefuseAStageWithoutAWorker() {
    Map<String, String> m = minimal();
    m.put("stage", "polish");

    assertThatThrownBy(() -> parse(m)).hasMessageContaining("stage");
  }

  @Test
  void shouldRefuseABufferSmallerThanABatch() {
    Map<String, String> m = minimal();
    m.put("batch.max.size", "128");
    m.put("batch.buffer.records", "64");

    assertThatThrownBy(() -> parse(m)).hasMessageContaining("batch.buffer.records");
  }

  @Test
  void shouldRefuseAnUnknownDeviceAndBadBuckets() {
    Map<String, String> device = minimal();
    device.put("inference.device", "tpu");
    Map<String, String> buckets = minimal();
    buckets.put("input.length.buckets", "64,32");

    assertThatThrownBy(() -> parse(device)).hasMessageContaining("inference.device");
    assertThatThrownBy(() -> parse(buckets)).hasMessageContaining("input.length.buckets");
  }

  @Test
  void shouldGiveEachKafkaClientItsOwnAndTheSharedOverrides() {
    Map<String, String> m = minimal();
    m.put("kafka.security.protocol", "SSL");
    m.put("kafka.consumer.max.poll.records", "1000");
    m.put("kafka.producer.linger.ms", "10");

    WorkerSettings s = parse(m);

    assertThat(s.kafkaFor("consumer"))
        .containsEntry("security.protocol", "SSL")
        .containsEntry("max.poll.records", "1000")
        .doesNotContainKey("linger.ms");
    assertThat(s.kafkaFor("producer"))
        .containsEntry("linger.ms", "10")
        .doesNotContainKey("max.poll.records");
  }

  @Test
  void shouldFailTheStartWithinTheCheckBoundNamingBootstrapServersWhenNoBrokerAnswers() {
    // Given nothing listening at the broker address: the start fails at the broker check, before
    // the model or the registry is touched
    ConfigSource c =
        ConfigSource.of(minimal())
            .with(Map.of("bootstrap.servers", "127.0.0.1:1", NO_WAIT, "1000"));

    assertThatThrownBy(
            () -> WorkerApp.start(WorkerSettings.from(c.with(Map.of("http.port", "-1")))))
        .hasMessageStartingWith("bootstrap.servers: no Kafka broker answers at 127.0.0.1:1");
  }
}
