package dev.smallfirst.schemas.serde;

/**
 * The data is too short for the wire-format header, or its Avro body cannot be decoded with the
 * writer schema (truncated, garbled, or not resolvable to the reader's type).
 */
public final class MalformedPayloadException extends WireFormatException {

  MalformedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }

  static MalformedPayloadException tooShort(int length) {
    return new MalformedPayloadException(
        "Confluent wire-format data needs at least "
            + WireFormat.HEADER_LENGTH
            + " bytes (magic byte 0 and a 4-byte schema id), got "
            + length,
        null);
  }

  static MalformedPayloadException undecodable(
      String topic, int schemaId, Class<?> type, String problem, Throwable cause) {
    return new MalformedPayloadException(
        "Cannot decode a record of topic '"
            + topic
            + "' written with schema id "
            + schemaId
            + " as "
            + type.getName()
            + ": "
            + problem,
        cause);
  }
}
