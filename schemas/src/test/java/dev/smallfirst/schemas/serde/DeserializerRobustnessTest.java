package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.FakeRegistryServer;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Garbage after a valid header must end in a MalformedPayloadException: no NPE, no hang. */
class DeserializerRobustnessTest {

  private static final String TOPIC = "stage.classify.results";
  private static final Duration BOUND = Duration.ofSeconds(5);

  private static FakeRegistryServer registry;
  private static SchemaRegistryClient client;
  private static SpecificAvroSerde<StageResult> serde;
  private static int schemaId;

  @BeforeContainer
  static void startRegistry() {
    registry = FakeRegistryServer.start();
    client = SchemaRegistryClient.create(RegistrySettings.of(registry.url()));
    serde = SpecificAvroSerde.of(client, StageResult.class, false, SerdeOptions.defaults());
    schemaId = client.register(TOPIC + "-value", StageResult.getClassSchema());
  }

  @AfterContainer
  static void stopRegistry() {
    client.close();
    registry.close();
  }

  @Property(tries = 500)
  void shouldRejectGarbageBodiesOnlyAsMalformed(@ForAll @Size(max = 200) byte[] body)
      throws Exception {
    // Given
    byte[] data = WireFormat.frame(schemaId, body);

    // When
    Throwable thrown =
        CompletableFuture.supplyAsync(() -> catchThrowable(() -> deserialize(data)))
            .get(BOUND.toMillis(), TimeUnit.MILLISECONDS);

    // Then
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(MalformedPayloadException.class);
    }
  }

  @Property(tries = 100)
  void shouldRejectEveryTruncationOfAValidRecord(
      @ForAll @IntRange(min = 0, max = 4) int outcome,
      @ForAll @IntRange(min = 1, max = 1000) int cut) {
    // Given
    StageResult result = TestRecords.stageResult(TestRecords.outcomes().get(outcome));
    byte[] bytes = serde.serializer().serialize(TOPIC, result);
    int length = WireFormat.HEADER_LENGTH + cut % (bytes.length - WireFormat.HEADER_LENGTH);
    byte[] truncated = Arrays.copyOf(bytes, length);

    // When / Then
    assertThatThrownBy(() -> deserialize(truncated))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("schema id " + schemaId);
  }

  @Property(tries = 50)
  void shouldRejectRecordsOfAnotherType(@ForAll @Size(max = 50) byte[] noise) {
    // Given a SupportMessage deserializer reading StageResult-framed noise
    SpecificAvroDeserializer<SupportMessage> other =
        new SpecificAvroDeserializer<>(
            client, SupportMessage.class, false, SerdeOptions.defaults());

    // When
    Throwable thrown =
        catchThrowable(() -> other.deserialize(TOPIC, WireFormat.frame(schemaId, noise)));

    // Then
    assertThat(thrown).isInstanceOf(MalformedPayloadException.class);
  }

  private static StageResult deserialize(byte[] data) {
    return serde.deserializer().deserialize(TOPIC, data);
  }
}
