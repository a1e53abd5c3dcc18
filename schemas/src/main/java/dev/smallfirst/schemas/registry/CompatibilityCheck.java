package dev.smallfirst.schemas.registry;

import java.util.List;

/**
 * The registry's verdict on whether a schema may become the subject's next version, with its
 * explanations (empty when compatible or when the registry gives none). Immutable, never null.
 *
 * @param compatible whether the schema is compatible under the subject's level
 * @param messages the registry's explanations, possibly empty
 */
public record CompatibilityCheck(boolean compatible, List<String> messages) {

  /** Copies the messages; null becomes an empty list. */
  public CompatibilityCheck {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  /** A compatible verdict without messages. */
  public static CompatibilityCheck compatibleResult() {
    return new CompatibilityCheck(true, List.of());
  }
}
