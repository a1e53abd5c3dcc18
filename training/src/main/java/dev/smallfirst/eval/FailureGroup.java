package dev.smallfirst.eval;

import java.util.List;

/**
 * All errors of one kind: a failure mode (e.g. {@code cross-group confusion}), the gold and
 * predicted labels involved, how severe it is, how often it happened and a few examples.
 */
public record FailureGroup(
    String mode,
    Severity severity,
    String gold,
    String predicted,
    int count,
    List<String> examples) {
  public FailureGroup {
    examples = List.copyOf(examples);
  }
}
