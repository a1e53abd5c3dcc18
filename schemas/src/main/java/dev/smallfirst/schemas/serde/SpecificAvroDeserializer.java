package dev.smallfirst.schemas.serde;

import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format records as {@code T}, resolving the writer schema (fetched by id,
 * cached) against {@code T}'s schema so that evolved schemas read with defaults. Thread-safe once
 * configured; {@code null} deserializes to {@code null}. Bad bytes raise a {@link
 * WireFormatException}, an unknown id the registry's {@code SchemaNotFoundException}.
 *
 * @param <T> the generated Avro record class
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord>
    extends SetupOnce<T, SerdeSetup<T>> implements Deserializer<T> {

  // Readers keep resolution state, so each thread gets its own, cached per writer schema id.
  private final ThreadLocal<ThreadState<T>> threadStates =
      ThreadLocal.withInitial(ThreadState::new);

  /** For Kafka's instantiation by class name; {@link #configure} must follow. */
  public SpecificAvroDeserializer() {}

  /** A deserializer using {@code client}, which the caller keeps and closes. */
  public SpecificAvroDeserializer(
      SchemaRegistryClient client, Class<T> type, boolean isKey, SerdeOptions options) {
    this(SerdeSetup.of(client, type, isKey, options, false));
  }

  SpecificAvroDeserializer(SerdeSetup<T> setup) {
    init(setup);
  }

  @Override
  SerdeSetup<T> prepare(SerdeSetup<T> setup) {
    return setup;
  }

  @Override
  SerdeSetup<T> setupOf(SerdeSetup<T> setup) {
    return setup;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    SerdeSetup<T> current = state();
    WireFormat.Framed framed = WireFormat.parse(data);
    int id = framed.schemaId();
    ThreadState<T> state = threadStates.get();
    DatumReader<T> reader = state.readers.get(id);
    if (reader == null) {
      Schema writerSchema = current.client().schemaById(id);
      reader = new SpecificDatumReader<>(writerSchema, current.schema(), current.data());
      state.readers.put(id, reader);
    }
    return decode(topic, id, framed.payload(), reader, state, current.type());
  }

  private T decode(
      String topic,
      int id,
      ByteBuffer payload,
      DatumReader<T> reader,
      ThreadState<T> state,
      Class<T> type) {
    T value;
    boolean complete;
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  payload.array(),
                  payload.arrayOffset() + payload.position(),
                  payload.remaining(),
                  state.decoder);
      state.decoder = decoder;
      value = reader.read(null, decoder);
      complete = decoder.isEnd();
    } catch (SecurityException e) {
      // A setup problem (a class outside the trusted packages), not bad bytes.
      throw new SerializationException(
          "Avro refused a class while reading topic '" + topic + "' with schema id " + id, e);
    } catch (IOException | RuntimeException e) {
      // Garbage makes Avro throw EOFException, AvroRuntimeException, IndexOutOfBounds,
      // NegativeArraySize...
      throw MalformedPayloadException.undecodable(topic, id, type, e.toString(), e);
    }
    if (!complete) {
      throw MalformedPayloadException.undecodable(
          topic, id, type, "bytes left over after the record", null);
    }
    return value;
  }

  private static final class ThreadState<T> {
    private final Map<Integer, DatumReader<T>> readers = new HashMap<>();
    private BinaryDecoder decoder;
  }
}
