package dev.smallfirst.models.causallm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.causallm.PromptLayout;
import dev.smallfirst.records.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code causal-lm} fields of a manifest, validated, each error naming the field: {@code
 * prompt} ({@link PromptLayout}), {@code eosTokenIds} (required, non-empty), {@code stopTokens}
 * (token strings, optional), {@code maxNewTokens} (the worker's setting first, else the manifest's,
 * else 64), {@code kvCache} ({@code layers}, {@code heads}, {@code headDim}), {@code threshold}
 * (required, in (0, 1]) and {@code files} (extra files pinned by SHA-256, optional).
 */
record CausalLmSpec(
    PromptLayout prompt,
    List<Long> eosTokenIds,
    List<String> stopTokens,
    int maxNewTokens,
    KvShape kvCache,
    double threshold,
    Map<String, String> files) {

  static CausalLmSpec read(ModelManifest manifest, LoadOptions options) {
    String where = manifest.directory().resolve(ModelManifest.FILE_NAME).toString();
    if (manifest.stage() != Stage.DRAFT) {
      throw bad(where, "stage", "must be DRAFT for format causal-lm, got " + manifest.stage());
    }
    PromptLayout prompt;
    try {
      prompt =
          PromptLayout.parse(
              manifest
                  .extraText("prompt")
                  .orElseThrow(() -> bad(where, "prompt", "is required (a template string)")));
    } catch (IllegalArgumentException e) {
      throw bad(where, "prompt", e.getMessage());
    }
    List<Long> eos = new ArrayList<>();
    JsonNode eosNode = manifest.extra("eosTokenIds").orElse(null);
    if (eosNode == null || !eosNode.isArray() || eosNode.isEmpty()) {
      throw bad(where, "eosTokenIds", "is required: a non-empty array of token ids");
    }
    for (JsonNode id : eosNode) {
      if (!id.isIntegralNumber() || id.asLong() < 0) {
        throw bad(where, "eosTokenIds", "must hold non-negative whole numbers, got " + id);
      }
      eos.add(id.asLong());
    }
    List<String> stops = new ArrayList<>();
    JsonNode stopNode = manifest.extra("stopTokens").orElse(null);
    if (stopNode != null) {
      if (!stopNode.isArray()) {
        throw bad(where, "stopTokens", "must be an array of token strings");
      }
      for (JsonNode t : stopNode) {
        if (!t.isTextual() || t.asText().isEmpty()) {
          throw bad(where, "stopTokens", "must hold non-empty strings, got " + t);
        }
        stops.add(t.asText());
      }
    }
    int maxNew = options.maxNewTokens().orElse(manifest.extraInt("maxNewTokens").orElse(64));
    if (maxNew < 1) {
      throw bad(where, "maxNewTokens", "must be at least 1, got " + maxNew);
    }
    JsonNode kv = manifest.extra("kvCache").orElse(null);
    if (kv == null || !kv.isObject()) {
      throw bad(where, "kvCache", "is required: {\"layers\": L, \"heads\": H, \"headDim\": D}");
    }
    KvShape shape =
        new KvShape(
            positive(kv, "layers", where),
            positive(kv, "heads", where),
            positive(kv, "headDim", where));
    double threshold =
        manifest.threshold().orElseThrow(() -> bad(where, "threshold", "is required"));
    if (!(threshold > 0 && threshold <= 1)) {
      throw bad(where, "threshold", "must be in (0, 1], got " + threshold);
    }
    Map<String, String> files = new LinkedHashMap<>();
    JsonNode f = manifest.extra("files").orElse(null);
    if (f != null) {
      if (!f.isObject()) {
        throw bad(where, "files", "must be an object of file name to sha256");
      }
      for (Map.Entry<String, JsonNode> e : f.properties()) {
        String sha = e.getValue().asText("");
        if (!e.getValue().isTextual() || !sha.matches("[0-9a-f]{64}")) {
          throw bad(where, "files." + e.getKey(), "must be 64 lower-case hex digits, got " + sha);
        }
        files.put(e.getKey(), sha);
      }
    }
    return new CausalLmSpec(prompt, eos, stops, maxNew, shape, threshold, files);
  }

  private static int positive(JsonNode kv, String field, String where) {
    JsonNode n = kv.get(field);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
      throw bad(where, "kvCache." + field, "must be a positive whole number, got " + n);
    }
    return n.asInt();
  }

  private static ModelLoadException bad(String where, String field, String problem) {
    return new ModelLoadException(where + ": field '" + field + "' " + problem);
  }
}
