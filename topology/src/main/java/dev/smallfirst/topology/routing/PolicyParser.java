package dev.smallfirst.topology.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a routing policy document from JSON or YAML and validates it: unknown fields, unknown enum
 * symbols, thresholds outside [0,1] and a missing version are errors that name the path of the
 * offending field. Thread-safe.
 *
 * <pre>{@code
 * PolicyDocument policy = PolicyParser.parse(Files.readString(Path.of("policy.yaml")));
 * }</pre>
 */
public final class PolicyParser {
  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
  private static final ObjectMapper YAML = configure(YAMLMapper.builder().build());

  private PolicyParser() {}

  /** Parses {@code text}: JSON when it starts with '{', YAML otherwise. */
  public static PolicyDocument parse(String text) throws InvalidPolicyException {
    if (text == null || text.isBlank()) {
      throw new InvalidPolicyException("policy document is empty");
    }
    ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
    PolicyDocument document;
    try {
      document = mapper.readValue(text, PolicyDocument.class);
    } catch (JsonMappingException e) {
      throw new InvalidPolicyException(path(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(
          "policy document is not valid JSON/YAML: " + e.getOriginalMessage(), e);
    }
    if (document == null) {
      throw new InvalidPolicyException("policy document is empty");
    }
    validate(document);
    return document;
  }

  private static void validate(PolicyDocument d) throws InvalidPolicyException {
    if (d.version() < 1) {
      throw new InvalidPolicyException("version: must be a positive number, got " + d.version());
    }
    validate("defaults", d.defaults());
    for (Map.Entry<String, RuleSet> e : d.intents().entrySet()) {
      validate("intents." + requireName("intents", e.getKey()), e.getValue());
    }
    for (Map.Entry<String, PolicyDocument.TenantPolicy> t : d.tenants().entrySet()) {
      String tenant = "tenants." + requireName("tenants", t.getKey());
      validate(tenant + ".defaults", t.getValue().defaults());
      for (Map.Entry<String, RuleSet> e : t.getValue().intents().entrySet()) {
        validate(tenant + ".intents." + requireName(tenant + ".intents", e.getKey()), e.getValue());
      }
    }
  }

  private static void validate(String path, RuleSet rules) throws InvalidPolicyException {
    if (rules == null) {
      throw new InvalidPolicyException(path + ": must be an object of rules, got null");
    }
    rules.validate(path);
  }

  private static String requireName(String path, String name) throws InvalidPolicyException {
    if (name == null || name.isBlank()) {
      throw new InvalidPolicyException(path + ": names must not be blank");
    }
    return name;
  }

  private static String path(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.isEmpty() ? "policy" : path;
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
        .configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, true)
        .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
  }
}
