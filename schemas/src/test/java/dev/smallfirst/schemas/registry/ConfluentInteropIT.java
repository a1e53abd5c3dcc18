package dev.smallfirst.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our registry client and Confluent's own {@code CachedSchemaRegistryClient} (shaded in Flink's SQL
 * connector jar, test scope only) agree on subjects and ids against the real registry.
 */
@ExtendWith(LocalStackExtension.class)
class ConfluentInteropIT {

  @Test
  void shouldLetConfluentsClientReadWhatWeRegistered(LocalStack stack) throws Exception {
    // Given
    String subject = "interop.ours-first-value";
    Schema schema = SupportMessage.getClassSchema();
    try (SchemaRegistryClient ours = client(stack)) {

      // When: we register
      int id = ours.register(subject, schema);

      // Then: Confluent's client finds the same schema under the same id
      CachedSchemaRegistryClient confluent =
          new CachedSchemaRegistryClient(stack.registryUrl(), 16);
      AvroSchema fetched = (AvroSchema) confluent.getSchemaById(id);
      assertThat(new Schema.Parser().parse(fetched.canonicalString())).isEqualTo(schema);
      assertThat(confluent.getId(subject, new AvroSchema(schema.toString()))).isEqualTo(id);
      assertThat(confluent.getLatestSchemaMetadata(subject).getId()).isEqualTo(id);
    }
  }

  @Test
  void shouldReadWhatConfluentsClientRegistered(LocalStack stack) throws Exception {
    // Given
    String subject = "interop.confluent-first-value";
    Schema schema = DraftedReply.getClassSchema();
    CachedSchemaRegistryClient confluent = new CachedSchemaRegistryClient(stack.registryUrl(), 16);

    // When: Confluent's client registers
    int id = confluent.register(subject, new AvroSchema(schema.toString()));

    // Then: ours sees the same id and schema
    try (SchemaRegistryClient ours = client(stack)) {
      assertThat(ours.lookup(subject, schema)).isEqualTo(OptionalInt.of(id));
      assertThat(ours.schemaById(id)).isEqualTo(schema);
      assertThat(ours.register(subject, schema)).isEqualTo(id);
      assertThat(ours.latest(subject).id()).isEqualTo(id);
    }
  }

  private static SchemaRegistryClient client(LocalStack stack) {
    return SchemaRegistryClient.create(RegistrySettings.fromConfig(stack.clientConfig()));
  }
}
