package dev.smallfirst.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The Confluent wire format: magic byte 0, the schema id as a big-endian 4-byte int, then the Avro
 * binary body. Stateless helpers; errors are {@link WireFormatException}s, never NPEs.
 */
public final class WireFormat {

  /** The first byte of every framed record. */
  public static final byte MAGIC_BYTE = 0;

  /** Length of the magic byte plus the schema id. */
  public static final int HEADER_LENGTH = 5;

  /**
   * A parsed frame: the schema id and a view of the Avro body (backed by the parsed array).
   *
   * @param schemaId the registry id of the writer schema
   * @param payload the Avro binary body, from position 0
   */
  public record Framed(int schemaId, ByteBuffer payload) {

    /** Rejects a null payload. */
    public Framed {
      Objects.requireNonNull(payload, "payload");
    }
  }

  private WireFormat() {}

  /** Frames an Avro binary body with the schema id. */
  public static byte[] frame(int schemaId, byte[] avroBinary) {
    Objects.requireNonNull(avroBinary, "avroBinary");
    return ByteBuffer.allocate(HEADER_LENGTH + avroBinary.length)
        .put(MAGIC_BYTE)
        .putInt(schemaId)
        .put(avroBinary)
        .array();
  }

  /**
   * Splits framed data into schema id and body.
   *
   * @throws UnknownMagicByteException when the first byte is not 0
   * @throws MalformedPayloadException when the data is null or shorter than the header
   */
  public static Framed parse(byte[] data) {
    if (data == null || data.length == 0) {
      throw MalformedPayloadException.tooShort(0);
    }
    if (data[0] != MAGIC_BYTE) {
      throw new UnknownMagicByteException(data[0]);
    }
    if (data.length < HEADER_LENGTH) {
      throw MalformedPayloadException.tooShort(data.length);
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    int schemaId = buffer.getInt(1);
    return new Framed(schemaId, buffer.position(HEADER_LENGTH).slice());
  }

  /** Writes the header into {@code out}, so the body can follow without another copy. */
  static void writeHeader(ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }
}
