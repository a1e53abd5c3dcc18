package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.FakeRegistryServer;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaNotFoundException;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecificAvroSerdeTest {

  private static final String TOPIC = "support.messages";

  private FakeRegistryServer registry;
  private SchemaRegistryClient client;

  @BeforeEach
  void startRegistry() {
    registry = FakeRegistryServer.start();
    client = SchemaRegistryClient.create(RegistrySettings.of(registry.url()));
  }

  @AfterEach
  void stopRegistry() {
    client.close();
    registry.close();
  }

  @Test
  void shouldRoundTripSupportMessageInWireFormat() {
    // Given
    Serde<SupportMessage> serde = serde(SupportMessage.class, false);
    SupportMessage message = TestRecords.supportMessage("M-1");

    // When
    byte[] bytes = serde.serializer().serialize(TOPIC, message);
    SupportMessage read = serde.deserializer().deserialize(TOPIC, bytes);

    // Then
    assertThat(read).isEqualTo(message);
    int id = client.lookup(TOPIC + "-value", SupportMessage.getClassSchema()).orElseThrow();
    assertThat(Arrays.copyOf(bytes, WireFormat.HEADER_LENGTH))
        .containsExactly(0, id >>> 24, id >>> 16, id >>> 8, id);
  }

  @ParameterizedTest
  @MethodSource("dev.smallfirst.schemas.serde.TestRecords#outcomes")
  void shouldRoundTripStageResultWithEachOutcomeBranch(Object outcome) {
    // Given
    Serde<StageResult> serde = serde(StageResult.class, false);
    StageResult result = TestRecords.stageResult(outcome);

    // When
    StageResult read = serde.deserializer().deserialize(TOPIC, serialize(serde, result));

    // Then
    assertThat(read).isEqualTo(result);
    assertThat(read.getOutcome()).isInstanceOf(outcome.getClass());
  }

  @Test
  void shouldPassTombstonesThrough() {
    // Given
    Serde<SupportMessage> serde = serde(SupportMessage.class, false);

    // When / Then
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    assertThat(registry.requestCount()).isZero();
  }

  @Test
  void shouldRegisterUnderKeySubjectForKeys() {
    // Given
    Serde<SupportMessage> serde = serde(SupportMessage.class, true);

    // When
    serde.serializer().serialize(TOPIC, TestRecords.supportMessage("M-1"));

    // Then
    assertThat(registry.lastRequest().path()).isEqualTo("/subjects/support.messages-key/versions");
  }

  @Test
  void shouldMakeNoRegistryCallsOnTheHotPath() {
    // Given
    Serde<SupportMessage> serde = serde(SupportMessage.class, false);
    byte[] first = serialize(serde, TestRecords.supportMessage("M-0"));
    Serde<SupportMessage> reader = serde(SupportMessage.class, false);
    reader.deserializer().deserialize(TOPIC, first);
    int requests = registry.requestCount();

    // When
    for (int i = 1; i <= 100; i++) {
      reader
          .deserializer()
          .deserialize(TOPIC, serialize(serde, TestRecords.supportMessage("M" + i)));
    }

    // Then
    assertThat(registry.requestCount()).isEqualTo(requests);
  }

  @Test
  void shouldRoundTripFromManyThreadsAtOnce() throws Exception {
    // Given
    Serde<SupportMessage> serde = serde(SupportMessage.class, false);
    Callable<List<SupportMessage>> task =
        () ->
            IntStream.range(0, 200)
                .mapToObj(i -> TestRecords.supportMessage(Thread.currentThread().getName() + i))
                .filter(m -> m.equals(serde.deserializer().deserialize(TOPIC, serialize(serde, m))))
                .toList();

    // When
    List<Future<List<SupportMessage>>> results;
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      results = pool.invokeAll(List.of(task, task, task, task));
    }

    // Then
    for (Future<List<SupportMessage>> result : results) {
      assertThat(result.get()).hasSize(200);
    }
  }

  @Test
  void shouldThrowSchemaNotFoundForUnknownSchemaId() {
    // Given
    Serde<SupportMessage> serde = serde(SupportMessage.class, false);
    byte[] unknownId = WireFormat.frame(999, new byte[] {2, 65});

    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, unknownId))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessageContaining("id 999");
  }

  @Test
  void shouldRejectUnknownMagicByte() {
    // Given
    Serde<SupportMessage> serde = serde(SupportMessage.class, false);
    byte[] json = "{\"messageId\":\"M-1\"}".getBytes(StandardCharsets.UTF_8);

    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, json))
        .isInstanceOf(UnknownMagicByteException.class)
        .hasMessageContaining("0x7b");
  }

  @Test
  void shouldRejectTruncatedBodyNamingTopicAndSchemaId() {
    // Given
    Serde<SupportMessage> serde = serde(SupportMessage.class, false);
    byte[] bytes = serialize(serde, TestRecords.supportMessage("M-1"));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
    int id = WireFormat.parse(bytes).schemaId();

    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("'" + TOPIC + "'")
        .hasMessageContaining("schema id " + id);
  }

  @Test
  void shouldRejectBytesLeftOverAfterTheRecord() {
    // Given
    Serde<SupportMessage> serde = serde(SupportMessage.class, false);
    byte[] bytes = serialize(serde, TestRecords.supportMessage("M-1"));
    byte[] padded = Arrays.copyOf(bytes, bytes.length + 2);

    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, padded))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("left over");
  }

  private <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
    return SpecificAvroSerde.of(client, type, isKey, SerdeOptions.defaults());
  }

  private static <T> byte[] serialize(Serde<T> serde, T value) {
    return serde.serializer().serialize(TOPIC, value);
  }
}
