package dev.smallfirst.schemas.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The in-memory registry behind {@link FakeRegistryServer}: global ids deduplicated by schema,
 * versions per subject, and compatibility levels checked with Avro's {@link SchemaCompatibility}.
 * Thread-safe (synchronized); answers are {@link Answer}s holding Confluent-shaped JSON.
 */
final class FakeRegistryState {

  /** An HTTP status with its JSON body. */
  record Answer(int status, String json) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versions = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

  synchronized Answer register(String subject, String schemaText) {
    Schema schema = new Schema.Parser().parse(schemaText);
    Integer known = idsBySchema.get(schema.toString());
    List<Integer> subjectIds = versions.computeIfAbsent(subject, s -> new ArrayList<>());
    if (known != null && subjectIds.contains(known)) {
      return ok(MAPPER.createObjectNode().put("id", known));
    }
    List<String> problems = incompatibilities(subject, schema);
    if (!problems.isEmpty()) {
      return error(
          409, 409, "Schema being registered is incompatible with an earlier schema: " + problems);
    }
    int id = known != null ? known : idsBySchema.size() + 1;
    idsBySchema.put(schema.toString(), id);
    schemasById.put(id, schema.toString());
    subjectIds.add(id);
    return ok(MAPPER.createObjectNode().put("id", id));
  }

  synchronized Answer lookup(String subject, String schemaText) {
    List<Integer> subjectIds = versions.get(subject);
    if (subjectIds == null || subjectIds.isEmpty()) {
      return error(404, 40401, "Subject '" + subject + "' not found.");
    }
    Integer id = idsBySchema.get(new Schema.Parser().parse(schemaText).toString());
    if (id == null || !subjectIds.contains(id)) {
      return error(404, 40403, "Schema not found");
    }
    return ok(versionNode(subject, subjectIds.indexOf(id) + 1, id));
  }

  synchronized Answer schemaById(int id) {
    String schema = schemasById.get(id);
    if (schema == null) {
      return error(404, 40403, "Schema " + id + " not found");
    }
    return ok(MAPPER.createObjectNode().put("schema", schema));
  }

  synchronized Answer latest(String subject) {
    List<Integer> subjectIds = versions.get(subject);
    if (subjectIds == null || subjectIds.isEmpty()) {
      return error(404, 40401, "Subject '" + subject + "' not found.");
    }
    return ok(versionNode(subject, subjectIds.size(), subjectIds.getLast()));
  }

  synchronized Answer testCompatibility(String subject, String schemaText) {
    if (!versions.containsKey(subject)) {
      return error(404, 40401, "Subject '" + subject + "' not found.");
    }
    List<String> problems = incompatibilities(subject, new Schema.Parser().parse(schemaText));
    ObjectNode node = MAPPER.createObjectNode().put("is_compatible", problems.isEmpty());
    problems.forEach(node.putArray("messages")::add);
    return ok(node);
  }

  synchronized Answer level(String subject) {
    CompatibilityLevel level = subject == null ? globalLevel : subjectLevels.get(subject);
    if (level == null) {
      level = globalLevel;
    }
    return ok(MAPPER.createObjectNode().put("compatibilityLevel", level.name()));
  }

  synchronized Answer setLevel(String subject, String body) throws java.io.IOException {
    CompatibilityLevel level =
        CompatibilityLevel.valueOf(MAPPER.readTree(body).get("compatibility").asText());
    if (subject == null) {
      globalLevel = level;
    } else {
      subjectLevels.put(subject, level);
    }
    return ok(MAPPER.createObjectNode().put("compatibility", level.name()));
  }

  private List<String> incompatibilities(String subject, Schema candidate) {
    CompatibilityLevel level = subjectLevels.getOrDefault(subject, globalLevel);
    List<Integer> subjectIds = versions.getOrDefault(subject, List.of());
    if (level == CompatibilityLevel.NONE || subjectIds.isEmpty()) {
      return List.of();
    }
    boolean transitive = level.name().endsWith("_TRANSITIVE");
    List<Integer> earlier = transitive ? subjectIds : List.of(subjectIds.getLast());
    List<String> problems = new ArrayList<>();
    for (int id : earlier) {
      Schema old = new Schema.Parser().parse(schemasById.get(id));
      if (!level.name().startsWith("FORWARD")) {
        problems.addAll(check(candidate, old));
      }
      if (!level.name().startsWith("BACKWARD")) {
        problems.addAll(check(old, candidate));
      }
    }
    return problems;
  }

  private static List<String> check(Schema reader, Schema writer) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    return result.getIncompatibilities().stream().map(i -> i.getMessage()).toList();
  }

  private ObjectNode versionNode(String subject, int version, int id) {
    return MAPPER
        .createObjectNode()
        .put("subject", subject)
        .put("version", version)
        .put("id", id)
        .put("schema", schemasById.get(id));
  }

  private static Answer ok(ObjectNode node) {
    return new Answer(200, node.toString());
  }

  static Answer error(int status, int code, String message) {
    return new Answer(
        status,
        MAPPER.createObjectNode().put("error_code", code).put("message", message).toString());
  }
}
