package dev.smallfirst.models.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.internal.OnnxModels;
import java.io.IOException;
import java.util.List;

/**
 * A pretrained ONNX sentence encoder run by DJL's OnnxRuntime engine, with its Hugging Face
 * tokenizer: texts in, one L2-normalised mean-pooled embedding per text (and, on request, the token
 * states with each token's character span) out. Thread-safe: ONNX Runtime sessions accept
 * concurrent runs, and each call uses its own memory scope.
 *
 * <pre>{@code
 * try (SentenceEncoder enc = SentenceEncoder.open(EncoderSpec.MINILM_INT8, 128)) {
 *   float[][] e = enc.encode(List.of("where is my order?"), false).pooled();
 * }
 * }</pre>
 *
 * <p>ONNX Runtime's intra-op threads come from {@code -Dsmallfirst.onnx.threads} (default: its own
 * choice, one per core); they sleep between runs unless {@code -Dsmallfirst.onnx.spin=true}.
 */
public final class SentenceEncoder implements AutoCloseable {

  /**
   * One batch's encoding.
   *
   * @param pooled {@code [texts][dimension]}, L2-normalised masked means of the token states
   * @param tokens {@code [texts][tokens][dimension]} token states, special tokens included, or null
   *     when not asked for
   * @param spans per text, the character span of each token (null for special tokens)
   * @param truncated per text, whether it had more than {@code maxTokens} tokens and was cut
   */
  public record Embedded(
      float[][] pooled, float[][][] tokens, List<CharSpan[]> spans, boolean[] truncated) {}

  private final EncoderSpec spec;
  private final int maxTokens;
  private final HuggingFaceTokenizer tokenizer;
  private final OnnxModels.Loaded loaded;
  private final NDManager manager;

  private SentenceEncoder(
      EncoderSpec spec, int maxTokens, HuggingFaceTokenizer tokenizer, OnnxModels.Loaded loaded) {
    this.spec = spec;
    this.maxTokens = maxTokens;
    this.tokenizer = tokenizer;
    this.loaded = loaded;
    this.manager = loaded.model().getNDManager().newSubManager();
  }

  /**
   * Resolves and verifies the spec's files ({@link EncoderFiles}) and loads them.
   *
   * @param maxTokens longest input in tokens, special tokens included; longer inputs are cut
   * @throws ModelLoadException when the files are missing, tampered with or unreadable
   */
  public static SentenceEncoder open(EncoderSpec spec, int maxTokens) {
    EncoderFiles.Resolved files = EncoderFiles.resolve(spec);
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(files.tokenizer())
              .optMaxLength(maxTokens)
              .optTruncation(true)
              .optPadding(false)
              .build();
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("cannot read tokenizer " + files.tokenizer() + ": " + e, e);
    }
    OnnxModels.Loaded loaded;
    try {
      loaded = OnnxModels.load(spec.shortName(), files.onnx(), "ONNX encoder");
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
    return new SentenceEncoder(spec, maxTokens, tokenizer, loaded);
  }

  /** The pinned spec this encoder was loaded from. */
  public EncoderSpec spec() {
    return spec;
  }

  /** Longest input in tokens. */
  public int maxTokens() {
    return maxTokens;
  }

  /**
   * Per text, whether it has more than {@code maxTokens} tokens: the tokenizer alone, for a text
   * answered without an encoder pass that must still be refused when over-long.
   */
  public boolean[] overlong(List<String> texts) {
    boolean[] out = new boolean[texts.size()];
    if (texts.isEmpty()) {
      return out;
    }
    Encoding[] encodings = tokenizer.batchEncode(texts);
    for (int i = 0; i < out.length; i++) {
      out[i] = encodings[i].exceedMaxLength();
    }
    return out;
  }

  /**
   * Encodes {@code texts}; with {@code withTokens}, the token states are returned too. The batch is
   * run in groups of similar length ({@link LengthBuckets}) unless {@code
   * -Dsmallfirst.encoder.lengthBuckets=false}.
   */
  public Embedded encode(List<String> texts, boolean withTokens) {
    int n = texts.size();
    if (n == 0) {
      return new Embedded(
          new float[0][], withTokens ? new float[0][][] : null, List.of(), new boolean[0]);
    }
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int[] lengths = new int[n];
    boolean[] truncated = new boolean[n];
    CharSpan[][] spans = new CharSpan[n][];
    for (int i = 0; i < n; i++) {
      lengths[i] = encodings[i].getIds().length;
      truncated[i] = encodings[i].exceedMaxLength();
      spans[i] = encodings[i].getCharTokenSpans();
    }
    float[][] pooled = new float[n][];
    float[][][] tokens = withTokens ? new float[n][][] : null;
    for (int[] run : LengthBuckets.plan(lengths, BUCKET_OVERHEAD)) {
      run(encodings, run, pooled, tokens);
    }
    return new Embedded(pooled, tokens, List.of(spans), truncated);
  }

  /** {@link LengthBuckets}' run overhead, or one run per batch when bucketing is off. */
  private static final int BUCKET_OVERHEAD =
      Boolean.parseBoolean(System.getProperty("smallfirst.encoder.lengthBuckets", "true"))
          ? LengthBuckets.RUN_OVERHEAD_ROWS
          : Integer.MAX_VALUE;

  /** One encoder run over the texts {@code rows} of {@code encodings}, padded to the longest. */
  private void run(Encoding[] encodings, int[] rows, float[][] pooled, float[][][] tokens) {
    int n = rows.length;
    int width = 1;
    for (int r : rows) {
      width = Math.max(width, encodings[r].getIds().length);
    }
    long[] ids = new long[n * width];
    long[] mask = new long[n * width];
    long[] types = new long[n * width];
    for (int i = 0; i < n; i++) {
      long[] id = encodings[rows[i]].getIds();
      System.arraycopy(id, 0, ids, i * width, id.length);
      java.util.Arrays.fill(mask, i * width, i * width + id.length, 1L);
    }
    int dim = spec.dimension();
    float[] states;
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.create(ids, new Shape(n, width));
      a.setName("input_ids");
      NDArray b = scope.create(mask, new Shape(n, width));
      b.setName("attention_mask");
      NDArray c = scope.create(types, new Shape(n, width));
      c.setName("token_type_ids");
      NDList out =
          loaded
              .model()
              .getBlock()
              .forward(new ParameterStore(scope, false), new NDList(a, b, c), false);
      states = out.get(0).toFloatArray();
    }
    for (int i = 0; i < n; i++) {
      int len = encodings[rows[i]].getIds().length;
      float[] p = new float[dim];
      pooled[rows[i]] = p;
      if (tokens != null) {
        tokens[rows[i]] = new float[len][dim];
      }
      for (int t = 0; t < len; t++) {
        int base = (i * width + t) * dim;
        for (int d = 0; d < dim; d++) {
          p[d] += states[base + d];
        }
        if (tokens != null) {
          System.arraycopy(states, base, tokens[rows[i]][t], 0, dim);
        }
      }
      double norm = 0;
      for (int d = 0; d < dim; d++) {
        p[d] /= len;
        norm += p[d] * p[d];
      }
      float inv = (float) (1 / Math.max(1e-12, Math.sqrt(norm)));
      for (int d = 0; d < dim; d++) {
        p[d] *= inv;
      }
    }
  }

  @Override
  public void close() {
    manager.close();
    loaded.close();
    tokenizer.close();
  }
}
