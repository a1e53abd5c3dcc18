package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.SampleRecords;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaNotFoundException;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad bytes against the real registry: a typed error every time, never a hang or an NPE. */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadBytesIT {
  private static final String TOPIC = "badbytes.messages";

  @Test
  void shouldReportAnUnknownSchemaId(LocalStack stack) {
    try (SchemaRegistryClient registry = client(stack);
        SpecificAvroSerde<SupportMessage> serde = serde(registry)) {
      byte[] framed = WireFormat.frame(987_654, new byte[] {2, 'a'});

      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, framed))
          .isInstanceOf(SchemaNotFoundException.class)
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("987654");
    }
  }

  @Test
  void shouldReportATruncatedPayloadWithAKnownId(LocalStack stack) {
    try (SchemaRegistryClient registry = client(stack);
        SpecificAvroSerde<SupportMessage> serde = serde(registry)) {
      byte[] good = serde.serializer().serialize(TOPIC, SampleRecords.supportMessage());
      byte[] truncated = Arrays.copyOf(good, good.length / 2);

      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
          .isInstanceOf(MalformedPayloadException.class)
          .hasMessageContaining(TOPIC)
          .hasMessageContaining(String.valueOf(ByteBuffer.wrap(good, 1, 4).getInt()));
    }
  }

  @Test
  void shouldReportAWrongMagicByte(LocalStack stack) {
    try (SchemaRegistryClient registry = client(stack);
        SpecificAvroSerde<SupportMessage> serde = serde(registry)) {
      byte[] good = serde.serializer().serialize(TOPIC, SampleRecords.supportMessage());
      good[0] = 7;

      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, good))
          .isInstanceOf(UnknownMagicByteException.class);
    }
  }

  @Test
  void shouldStillDecodeGoodBytesAfterBadOnes(LocalStack stack) {
    try (SchemaRegistryClient registry = client(stack);
        SpecificAvroSerde<SupportMessage> serde = serde(registry)) {
      byte[] good = serde.serializer().serialize(TOPIC, SampleRecords.supportMessage());
      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0}))
          .isInstanceOf(MalformedPayloadException.class);

      assertThat(serde.deserializer().deserialize(TOPIC, good))
          .isEqualTo(SampleRecords.supportMessage());
    }
  }

  private static SpecificAvroSerde<SupportMessage> serde(SchemaRegistryClient registry) {
    return SpecificAvroSerde.of(registry, SupportMessage.class, false, SerdeOptions.defaults());
  }

  private static SchemaRegistryClient client(LocalStack stack) {
    return SchemaRegistryClient.create(RegistrySettings.fromConfig(stack.clientConfig()));
  }
}
