package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.CompatibilityLevel;
import dev.smallfirst.schemas.registry.FakeRegistryServer;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.registry.TestSchemas;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SerializerSchemaIdTest {

  private static final String TOPIC = "support.messages";
  private static final String SUBJECT = TOPIC + "-value";
  private static final Schema SCHEMA = SupportMessage.getClassSchema();

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
  void shouldLookUpInsteadOfRegisteringWhenAutoRegisterIsOff() {
    // Given
    int id;
    try (SchemaRegistryClient admin =
        SchemaRegistryClient.create(RegistrySettings.of(registry.url()))) {
      id = admin.register(SUBJECT, SCHEMA);
    }

    // When
    byte[] bytes = serializer(new SerdeOptions(false, false)).serialize(TOPIC, message());

    // Then
    assertThat(WireFormat.parse(bytes).schemaId()).isEqualTo(id);
    assertThat(registry.lastRequest().path()).isEqualTo("/subjects/" + SUBJECT);
  }

  @Test
  void shouldFailClearlyWhenSchemaIsNotRegisteredAndAutoRegisterIsOff() {
    // Given
    SpecificAvroSerializer<SupportMessage> serializer = serializer(new SerdeOptions(false, false));

    // When / Then
    assertThatThrownBy(() -> serializer.serialize(TOPIC, message()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not registered under subject '" + SUBJECT + "'")
        .hasMessageContaining("auto.register.schemas");
  }

  @Test
  void shouldWriteWithLatestVersionWhenItEncodesLikeTheRecord() {
    // Given
    int id;
    try (SchemaRegistryClient admin =
        SchemaRegistryClient.create(RegistrySettings.of(registry.url()))) {
      id = admin.register(SUBJECT, SCHEMA);
    }

    // When
    byte[] bytes = serializer(new SerdeOptions(false, true)).serialize(TOPIC, message());

    // Then
    assertThat(WireFormat.parse(bytes).schemaId()).isEqualTo(id);
    assertThat(registry.lastRequest().path())
        .isEqualTo("/subjects/" + SUBJECT + "/versions/latest");
  }

  @Test
  void shouldRejectLatestVersionThatEncodesDifferently() {
    // Given a latest version of another shape
    try (SchemaRegistryClient admin =
        SchemaRegistryClient.create(RegistrySettings.of(registry.url()))) {
      admin.setCompatibility(SUBJECT, CompatibilityLevel.NONE);
      admin.register(SUBJECT, TestSchemas.ORDER_V1);
    }
    SpecificAvroSerializer<SupportMessage> serializer = serializer(new SerdeOptions(false, true));

    // When / Then
    assertThatThrownBy(() -> serializer.serialize(TOPIC, message()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Latest version 1")
        .hasMessageContaining("does not encode like " + SupportMessage.class.getName());
  }

  @Test
  void shouldResolveSchemaIdOncePerTopic() {
    // Given
    SpecificAvroSerializer<SupportMessage> serializer = serializer(SerdeOptions.defaults());

    // When
    serializer.serialize(TOPIC, message());
    serializer.serialize(TOPIC, message());
    serializer.serialize("support.messages.retry", message());

    // Then
    assertThat(registry.requests())
        .extracting(FakeRegistryServer.RecordedRequest::path)
        .containsExactly(
            "/subjects/support.messages-value/versions",
            "/subjects/support.messages.retry-value/versions");
  }

  @Test
  void shouldNameTopicAndTypeWhenRecordCannotBeEncoded() {
    // Given a record missing a required field, which builders refuse but constructors allow
    SupportMessage broken = message();
    broken.put("body", null);
    SpecificAvroSerializer<SupportMessage> serializer = serializer(SerdeOptions.defaults());

    // When / Then
    assertThatThrownBy(() -> serializer.serialize(TOPIC, broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("'" + TOPIC + "'")
        .hasMessageContaining(SupportMessage.class.getName());
  }

  private SpecificAvroSerializer<SupportMessage> serializer(SerdeOptions options) {
    return new SpecificAvroSerializer<>(client, SupportMessage.class, false, options);
  }

  private static SupportMessage message() {
    return TestRecords.supportMessage("M-1");
  }
}
