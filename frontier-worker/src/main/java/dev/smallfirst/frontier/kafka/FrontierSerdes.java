package dev.smallfirst.frontier.kafka;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Avro (Confluent wire format) serializers of the worker's records, sharing one registry
 * client.
 *
 * @param requests reads {@code EscalationRequest}s
 * @param results writes {@code EscalationResult}s
 * @param deadLetters writes {@code DeadLetter}s
 */
public record FrontierSerdes(
    Deserializer<EscalationRequest> requests,
    Serializer<EscalationResult> results,
    Serializer<DeadLetter> deadLetters) {

  public static FrontierSerdes of(SchemaRegistryClient registry) {
    return new FrontierSerdes(
        SpecificAvroSerde.of(registry, EscalationRequest.class, false, SerdeOptions.defaults())
            .deserializer(),
        SpecificAvroSerde.of(registry, EscalationResult.class, false, SerdeOptions.defaults())
            .serializer(),
        SpecificAvroSerde.of(registry, DeadLetter.class, false, SerdeOptions.defaults())
            .serializer());
  }
}
