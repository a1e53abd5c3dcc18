package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.FakeRegistryServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeConfigTest {

  private static final String TOPIC = "support.messages";

  private FakeRegistryServer registry;

  @BeforeEach
  void startRegistry() {
    registry = FakeRegistryServer.start();
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldWorkWhenConfiguredByClassNameFromKafkaConfigs() {
    // Given
    SupportMessage message = TestRecords.supportMessage("M-1");

    try (SpecificAvroSerde<SupportMessage> serde = new SpecificAvroSerde<>()) {
      // When
      serde.configure(configs(), false);
      byte[] bytes = serde.serializer().serialize(TOPIC, message);

      // Then
      assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(message);
    }
  }

  @Test
  void shouldWorkWhenSerializerAndDeserializerAreConfiguredSeparately() {
    // Given
    SupportMessage message = TestRecords.supportMessage("M-1");

    try (SpecificAvroSerializer<SupportMessage> serializer = new SpecificAvroSerializer<>();
        SpecificAvroDeserializer<SupportMessage> deserializer = new SpecificAvroDeserializer<>()) {
      // When
      serializer.configure(configs(), true);
      deserializer.configure(configs(), true);

      // Then
      assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, message)))
          .isEqualTo(message);
      assertThat(registry.requests().getFirst().path())
          .isEqualTo("/subjects/support.messages-key/versions");
    }
  }

  @Test
  void shouldAcceptClassObjectAndStringFlags() {
    // Given
    Map<String, Object> configs = configs();
    configs.put(SpecificAvroSerde.SPECIFIC_TYPE_CONFIG, SupportMessage.class);
    configs.put(SpecificAvroSerde.AUTO_REGISTER_SCHEMAS_CONFIG, "FALSE");

    try (SpecificAvroSerde<SupportMessage> serde = new SpecificAvroSerde<>()) {
      serde.configure(configs, false);

      // When / Then: auto-registration is off, so the unregistered schema is refused
      assertThatThrownBy(
              () -> serde.serializer().serialize(TOPIC, TestRecords.supportMessage("M-1")))
          .hasMessageContaining("not registered");
    }
  }

  @Test
  void shouldRequireTheSpecificTypeKey() {
    // Given
    Map<String, Object> configs = configs();
    configs.remove(SpecificAvroSerde.SPECIFIC_TYPE_CONFIG);

    // When / Then
    assertThatThrownBy(() -> new SpecificAvroSerde<SupportMessage>().configure(configs, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("smallfirst.avro.specific.type: required");
  }

  @Test
  void shouldRejectUnknownClassNamingTheKey() {
    assertThatThrownBy(() -> configureWith(SpecificAvroSerde.SPECIFIC_TYPE_CONFIG, "no.such.Type"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("smallfirst.avro.specific.type: class 'no.such.Type' not found");
  }

  @Test
  void shouldRejectClassThatIsNotASpecificRecord() {
    assertThatThrownBy(
            () -> configureWith(SpecificAvroSerde.SPECIFIC_TYPE_CONFIG, "java.lang.String"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "smallfirst.avro.specific.type: class 'java.lang.String' is not an Avro SpecificRecord");
  }

  @Test
  void shouldRejectFlagThatIsNotABoolean() {
    assertThatThrownBy(() -> configureWith(SpecificAvroSerde.USE_LATEST_VERSION_CONFIG, "yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("use.latest.version: must be true or false, got 'yes'");
  }

  @Test
  void shouldRejectMissingRegistryUrlNamingTheKey() {
    assertThatThrownBy(() -> configureWith("schema.registry.url", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schema.registry.url: required");
  }

  @Test
  void shouldFailClearlyWhenUsedBeforeConfigure() {
    // Given
    SpecificAvroSerde<SupportMessage> serde = new SpecificAvroSerde<>();

    // When / Then
    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, TestRecords.supportMessage("M-1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not configured");
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not configured");
  }

  private void configureWith(String key, Object value) {
    Map<String, Object> configs = configs();
    configs.put(key, value);
    try (SpecificAvroSerde<SupportMessage> serde = new SpecificAvroSerde<>()) {
      serde.configure(configs, false);
    }
  }

  private Map<String, Object> configs() {
    Map<String, Object> configs = new HashMap<>();
    configs.put("schema.registry.url", registry.url());
    configs.put(SpecificAvroSerde.SPECIFIC_TYPE_CONFIG, SupportMessage.class.getName());
    return configs;
  }
}
