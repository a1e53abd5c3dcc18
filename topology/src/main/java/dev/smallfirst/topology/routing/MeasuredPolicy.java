package dev.smallfirst.topology.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A routing policy with one stage's minimum confidence set to a measured threshold (what {@code
 * ./smallfirst compare} recommends), on top of a base document (for example one from {@code policy
 * from-models}) or of nothing. The base's other rules, intents and tenants stay as they are; its
 * version goes up by one. The extract stage has no routing rule (see {@link ModelPolicy}): its
 * threshold is recorded in the header comment only. Every document returned parses with {@link
 * PolicyParser}. Stateless.
 *
 * <pre>{@code
 * String yaml = MeasuredPolicy.apply(Optional.of(base), "classify", 0.62, List.of("# measured"));
 * }</pre>
 */
public final class MeasuredPolicy {
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  private MeasuredPolicy() {}

  /** The policy rule key {@code stage}'s threshold sets, empty for extract. */
  public static Optional<String> ruleKey(String stage) {
    return Optional.ofNullable(ModelPolicy.RULES.get(stage)).map(Rule::key);
  }

  /**
   * {@code base} (JSON or YAML; empty for none) with {@code stage}'s minimum confidence set to
   * {@code threshold}, as YAML headed by {@code comments} (each line prefixed with {@code #}).
   *
   * @throws InvalidPolicyException when the base is invalid, the stage unknown or the threshold
   *     outside [0, 1]
   */
  public static String apply(
      Optional<String> base, String stage, double threshold, List<String> comments)
      throws InvalidPolicyException {
    if (!ModelPolicy.STAGES.contains(stage)) {
      throw new InvalidPolicyException("unknown stage '" + stage + "'");
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new InvalidPolicyException("threshold must be within [0, 1], got " + threshold);
    }
    ObjectNode doc;
    long version = 1;
    if (base.isPresent()) {
      PolicyDocument parsed = PolicyParser.parse(base.get()); // refuse an invalid base first
      version = parsed.version() + 1;
      try {
        doc = (ObjectNode) YAML.readTree(base.get()); // YAML reads JSON too
      } catch (JsonProcessingException e) {
        throw new InvalidPolicyException("base policy: " + e.getOriginalMessage(), e);
      }
    } else {
      doc = YAML.createObjectNode();
    }
    doc.put("version", version);
    Optional<String> key = ruleKey(stage);
    if (key.isPresent()) {
      JsonNode defaults = doc.get("defaults");
      ObjectNode d = defaults instanceof ObjectNode o ? o : doc.putObject("defaults");
      d.put(key.get(), threshold);
    }
    StringBuilder y = new StringBuilder();
    comments.forEach(c -> y.append("# ").append(c.replace("\n", " ")).append('\n'));
    y.append(
        String.format(
            Locale.ROOT,
            "# %s threshold %s%s%n",
            stage,
            Double.toString(threshold),
            key.map(k -> " -> defaults." + k).orElse(" (no routing rule reads it)")));
    try {
      y.append(YAML.writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a policy tree as YAML", e);
    }
    String document = y.toString();
    PolicyParser.parse(document); // never hand out a document the topology would refuse
    return document;
  }
}
