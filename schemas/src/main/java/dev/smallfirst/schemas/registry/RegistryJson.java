package dev.smallfirst.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** The JSON shapes of the Confluent REST API, written and read with one shared Jackson mapper. */
final class RegistryJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_EXCERPT = 300;

  private RegistryJson() {}

  static String schemaRequest(Schema schema) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema", schema.toString());
    node.put("schemaType", "AVRO");
    return node.toString();
  }

  static String compatibilityRequest(CompatibilityLevel level) {
    return MAPPER.createObjectNode().put("compatibility", level.name()).toString();
  }

  /** The body of a successful reply as a JSON object. */
  static JsonNode body(RegistryReply reply) {
    try {
      JsonNode node = MAPPER.readTree(reply.body());
      if (node == null || !node.isObject()) {
        throw malformed(reply, "expected a JSON object, got: " + excerpt(reply.body()));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw malformed(reply, "body is not JSON: " + excerpt(reply.body()));
    }
  }

  static int requiredInt(RegistryReply reply, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw malformed(reply, "missing integer field '" + field + "' in " + excerpt(reply.body()));
    }
    return value.intValue();
  }

  static String requiredText(RegistryReply reply, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw malformed(reply, "missing string field '" + field + "' in " + excerpt(reply.body()));
    }
    return value.textValue();
  }

  /** The Avro schema in field {@code schema}; other schema types are rejected. */
  static Schema schema(RegistryReply reply, JsonNode node) {
    JsonNode type = node.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
      throw malformed(reply, "schemaType " + type.asText() + " is not AVRO");
    }
    String text = requiredText(reply, node, "schema");
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw malformed(reply, "schema does not parse as Avro: " + e.getMessage());
    }
  }

  static CompatibilityLevel level(RegistryReply reply) {
    JsonNode node = body(reply);
    JsonNode value = node.has("compatibilityLevel") ? node.get("compatibilityLevel") : null;
    String text = value == null ? requiredText(reply, node, "compatibility") : value.asText();
    try {
      return CompatibilityLevel.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw malformed(reply, "unknown compatibility level '" + text + "'");
    }
  }

  static CompatibilityCheck compatibility(RegistryReply reply) {
    JsonNode node = body(reply);
    JsonNode verdict = node.get("is_compatible");
    if (verdict == null || !verdict.isBoolean()) {
      throw malformed(reply, "missing boolean field 'is_compatible' in " + excerpt(reply.body()));
    }
    List<String> messages = new ArrayList<>();
    JsonNode list = node.get("messages");
    if (list != null && list.isArray()) {
      list.forEach(message -> messages.add(message.asText()));
    }
    return new CompatibilityCheck(verdict.booleanValue(), messages);
  }

  static int errorCode(String body) {
    JsonNode code = errorBody(body).get("error_code");
    return code != null && code.canConvertToInt() ? code.intValue() : RegistryReply.NO_ERROR_CODE;
  }

  static String errorMessage(int status, String body) {
    JsonNode message = errorBody(body).get("message");
    if (message != null && message.isTextual()) {
      return message.textValue();
    }
    return body == null || body.isBlank()
        ? "HTTP " + status + " with an empty body"
        : excerpt(body);
  }

  private static JsonNode errorBody(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : MAPPER.readTree(body);
      return node != null && node.isObject() ? node : MAPPER.createObjectNode();
    } catch (JsonProcessingException e) {
      // Proxies and wrong URL prefixes answer HTML; the excerpt of the body is the message then.
      return MAPPER.createObjectNode();
    }
  }

  private static RegistryResponseException malformed(RegistryReply reply, String what) {
    return new RegistryResponseException(
        reply.status(), RegistryReply.NO_ERROR_CODE, "unexpected body: " + what, reply.uri());
  }

  private static String excerpt(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_EXCERPT ? flat : flat.substring(0, MAX_EXCERPT) + "...";
  }
}
