package dev.smallfirst.topology.kafka;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The value serdes of every record the topology reads, writes or stores, all in the Confluent wire
 * format against one registry. Keys are plain UTF-8 strings (the ticket id). Immutable.
 */
public record TopologySerdes(
    Serde<String> key,
    Serde<SupportMessage> supportMessage,
    Serde<StageRequest> stageRequest,
    Serde<StageResult> stageResult,
    Serde<EscalationRequest> escalationRequest,
    Serde<EscalationResult> escalationResult,
    Serde<DraftedReply> draftedReply,
    Serde<DeadLetter> deadLetter,
    Serde<AggregateState> aggregateState) {

  /** Serdes backed by {@code registry}, registering schemas on first use. */
  public static TopologySerdes of(SchemaRegistryClient registry) {
    return new TopologySerdes(
        Serdes.String(),
        value(registry, SupportMessage.class),
        value(registry, StageRequest.class),
        value(registry, StageResult.class),
        value(registry, EscalationRequest.class),
        value(registry, EscalationResult.class),
        value(registry, DraftedReply.class),
        value(registry, DeadLetter.class),
        value(registry, AggregateState.class));
  }

  private static <T extends SpecificRecord> Serde<T> value(
      SchemaRegistryClient registry, Class<T> type) {
    return SpecificAvroSerde.of(registry, type, false, SerdeOptions.defaults());
  }
}
