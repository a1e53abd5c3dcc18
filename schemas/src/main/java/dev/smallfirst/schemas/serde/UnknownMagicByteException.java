package dev.smallfirst.schemas.serde;

/**
 * The first byte is not the Confluent wire format's magic byte 0: the record was written by another
 * serializer (JSON, plain Avro, a string). Carries the byte found.
 */
public final class UnknownMagicByteException extends WireFormatException {

  private final byte found;

  UnknownMagicByteException(byte found) {
    super(
        String.format(
            "Unknown magic byte 0x%02x: the Confluent wire format starts with 0x00 followed by a"
                + " 4-byte schema id; the record was not written by a schema-registry serializer",
            found),
        null);
    this.found = found;
  }

  /** The first byte of the data. */
  public byte found() {
    return found;
  }
}
