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
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  // Readers keep resolution state, so each thread gets its own, cached per writer schema id.
  private final ThreadLocal<ThreadState<T>> threadStates =
      ThreadLocal.withInitial(ThreadState::new);
  private volatile SerdeSetup<T> setup;

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

  /**
   * Reads the registry settings and {@code smallfirst.avro.specific.type}; ignored when the
   * deserializer was built with a client.
   */
  @Override
  @SuppressWarnings("unchecked")
  public synchronized void configure(Map<String, ?> configs, boolean isKey) {
    if (setup == null) {
      init((SerdeSetup<T>) SerdeSetup.fromConfigs(configs, isKey));
    }
  }

  /** Sets the setup unless one is set already. */
  synchronized void init(SerdeSetup<T> newSetup) {
    if (setup == null) {
      setup = newSetup;
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    SerdeSetup<T> current = setup();
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

  /** Closes the registry client if this deserializer created it. */
  @Override
  public void close() {
    SerdeSetup<T> current = setup;
    if (current != null && current.ownsClient()) {
      current.client().close();
    }
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

  private SerdeSetup<T> setup() {
    SerdeSetup<T> current = setup;
    if (current == null) {
      throw new IllegalStateException(
          "SpecificAvroDeserializer is not configured: call configure(...) or pass a client");
    }
    return current;
  }

  private static final class ThreadState<T> {
    private final Map<Integer, DatumReader<T>> readers = new HashMap<>();
    private BinaryDecoder decoder;
  }
}
