package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.FakeRegistryServer;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

  private static final String TOPIC = "support.messages";
  private static final String SUBJECT = TOPIC + "-value";

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
  void shouldFillDefaultsOfFieldsTheOlderWriterLacked() throws IOException {
    // Given a record written with an older schema that had no 'language' and no 'attributes'
    Schema older = withoutFields(SupportMessage.getClassSchema(), Set.of("language", "attributes"));
    int olderId = client.register(SUBJECT, older);
    byte[] bytes = WireFormat.frame(olderId, encode(older, olderRecord(older)));
    SpecificAvroDeserializer<SupportMessage> deserializer =
        new SpecificAvroDeserializer<>(
            client, SupportMessage.class, false, SerdeOptions.defaults());

    // When
    SupportMessage read = deserializer.deserialize(TOPIC, bytes);

    // Then
    assertThat(read.getMessageId()).isEqualTo("M-old");
    assertThat(read.getReceivedAt()).isEqualTo(TestRecords.AT);
    assertThat(read.getLanguage()).isNull();
    assertThat(read.getAttributes()).isEmpty();
  }

  @Test
  void shouldRejectWriterSchemaThatCannotBeResolved() throws IOException {
    // Given a writer schema lacking 'body', which has no default in the reader's schema
    Schema unrelated = withoutFields(SupportMessage.getClassSchema(), Set.of("body"));
    int id = client.register("elsewhere-value", unrelated);
    GenericRecord record = olderRecord(unrelated);
    byte[] bytes = WireFormat.frame(id, encode(unrelated, record));
    SpecificAvroDeserializer<SupportMessage> deserializer =
        new SpecificAvroDeserializer<>(
            client, SupportMessage.class, false, SerdeOptions.defaults());

    // When / Then
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("schema id " + id)
        .hasMessageContaining("body");
  }

  private static GenericRecord olderRecord(Schema schema) {
    Schema customer = schema.getField("customer").schema();
    GenericRecordBuilder builder =
        new GenericRecordBuilder(schema)
            .set("messageId", "M-old")
            .set("ticketId", "T-1")
            .set("tenantId", "acme")
            .set("channel", new GenericData.EnumSymbol(schema.getField("channel").schema(), "CHAT"))
            .set(
                "customer",
                new GenericRecordBuilder(customer)
                    .set("customerId", "C-1")
                    .set(
                        "tier",
                        new GenericData.EnumSymbol(customer.getField("tier").schema(), "FREE"))
                    .build())
            .set("subject", null)
            .set(
                "audience",
                new GenericData.EnumSymbol(schema.getField("audience").schema(), "AGENT"))
            .set("receivedAt", TestRecords.AT.toEpochMilli());
    if (schema.getField("body") != null) {
      builder.set("body", "Where is my parcel?");
    }
    return builder.build();
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** The schema as JSON with some top-level fields dropped, parsed again. */
  private static Schema withoutFields(Schema schema, Set<String> dropped) throws IOException {
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(schema.toString());
    ArrayNode fields = (ArrayNode) json.get("fields");
    for (int i = fields.size() - 1; i >= 0; i--) {
      if (dropped.contains(fields.get(i).get("name").asText())) {
        fields.remove(i);
      }
    }
    return new Schema.Parser().parse(json.toString());
  }
}
