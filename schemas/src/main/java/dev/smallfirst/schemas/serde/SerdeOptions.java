package dev.smallfirst.schemas.serde;

/**
 * How the serializer finds the schema id it writes. With {@code autoRegister} it registers the
 * record's schema (Confluent's default); otherwise it looks the schema up, or with {@code
 * useLatestVersion} takes the subject's latest version, which must encode like the record's schema.
 * {@code autoRegister} wins when both are set, as in Confluent's serializer. Immutable.
 *
 * @param autoRegister register the record's schema under the subject
 * @param useLatestVersion write with the subject's latest version instead of looking up
 */
public record SerdeOptions(boolean autoRegister, boolean useLatestVersion) {

  /** Auto-registration on, latest version off. */
  public static SerdeOptions defaults() {
    return new SerdeOptions(true, false);
  }
}
