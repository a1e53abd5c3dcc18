package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.FakeRegistryServer;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own Surefire execution without {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES} (see
 * schemas/pom.xml), and alone in its JVM, so no other serde has trusted the records yet.
 */
class AvroTrustWithoutSystemPropertyTest {

  @Test
  void shouldReadGeneratedRecordsWithoutTheSystemProperty() {
    // Given a JVM without the property, where Avro refuses the generated classes
    assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES"))
        .as("this test must run in the Surefire execution without the property")
        .isNull();
    assertThatThrownBy(() -> ClassSecurityValidator.validate(SupportMessage.class))
        .isInstanceOf(SecurityException.class);
    SupportMessage message = TestRecords.supportMessage("M-1");

    try (FakeRegistryServer registry = FakeRegistryServer.start();
        SchemaRegistryClient client =
            SchemaRegistryClient.create(RegistrySettings.of(registry.url()))) {
      // When
      SpecificAvroSerde<SupportMessage> serde =
          SpecificAvroSerde.of(client, SupportMessage.class, false, SerdeOptions.defaults());
      byte[] bytes = serde.serializer().serialize("support.messages", message);

      // Then
      assertThat(serde.deserializer().deserialize("support.messages", bytes)).isEqualTo(message);
    }
  }
}
