package dev.smallfirst.models.trained;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelLoadException.Reason;
import dev.smallfirst.models.text.NgramFeaturizer;
import dev.smallfirst.models.text.ReplyVocabulary;
import dev.smallfirst.models.text.TokenFeaturizer;
import dev.smallfirst.models.trained.nn.BagClassifierBlock;
import dev.smallfirst.models.trained.nn.DraftLmBlock;
import dev.smallfirst.models.trained.nn.GreedyDraftBlock;
import dev.smallfirst.models.trained.nn.TaggerBlock;
import dev.smallfirst.records.Stage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads and writes model directories: {@code manifest.json}, the weights file and the tokenizer or
 * featurizer file, each pinned by SHA-256 in the manifest. Loading verifies every hash first and
 * refuses a tampered or incomplete directory with a {@link ModelLoadException} that names the file.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * try (TrainedModel model = ModelDirectory.load(Path.of("model-workers/models/classify"), Device.cpu())) {
 *   ...
 * }
 * }</pre>
 */
public final class ModelDirectory {

  /** The manifest's file name. */
  public static final String MANIFEST = "manifest.json";

  /** Architecture id of {@link BagClassifierBlock}. */
  public static final String BAG_CLASSIFIER = "bag-ngram-mlp-ensemble";

  /** Architecture id of {@link DraftLmBlock}. */
  public static final String DRAFT_LM = "slot-lm-lstm";

  /** Architecture id of {@link TaggerBlock}. */
  public static final String BIO_TAGGER = "bio-tagger-lstm";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelDirectory() {}

  /** Checks the manifest and every file hash without loading weights. */
  public static Verification verify(Path dir) {
    try {
      return new Verification.Verified(verifiedManifest(dir));
    } catch (ModelLoadException e) {
      return new Verification.Rejected(e.reason(), e.getMessage());
    }
  }

  /**
   * Loads the model in {@code dir} on {@code device} after verifying its files.
   *
   * @throws ModelLoadException when a file is missing, a hash differs, the manifest is malformed or
   *     names a format or architecture this build cannot rebuild
   */
  public static TrainedModel load(Path dir, Device device) throws ModelLoadException {
    Manifest manifest = verifiedManifest(dir);
    if (!"djl".equals(manifest.format())) {
      throw new ModelLoadException(
          Reason.UNSUPPORTED,
          dir,
          "format '" + manifest.format() + "' is not supported by this loader");
    }
    Stage stage;
    try {
      stage = manifest.stageEnum();
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(Reason.BAD_MANIFEST, dir, e.getMessage());
    }
    return switch (stage) {
      case CLASSIFY, SENTIMENT -> loadClassifier(dir, manifest, device);
      case EXTRACT -> loadExtractor(dir, manifest, device);
      case DRAFT -> loadDraft(dir, manifest, device);
      // Stages.parse only returns the four small-model stages.
      default -> throw new IllegalStateException("no small model serves " + stage);
    };
  }

  /** Reads {@code manifest.json} of {@code dir} without checking hashes. */
  public static Manifest readManifest(Path dir) throws ModelLoadException {
    Path file = dir.resolve(MANIFEST);
    try {
      return JSON.readValue(file.toFile(), Manifest.class);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new ModelLoadException(Reason.MISSING_FILE, dir, MANIFEST + " is missing");
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(
          Reason.BAD_MANIFEST, dir, MANIFEST + " is malformed: " + e.getMessage(), e);
    }
  }

  /** Writes {@code manifest} as {@code manifest.json} in {@code dir}. */
  public static void writeManifest(Path dir, Manifest manifest) throws IOException {
    Files.writeString(dir.resolve(MANIFEST), JSON.writeValueAsString(manifest) + "\n");
  }

  /** SHA-256 of a file as lower-case hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  private static Manifest verifiedManifest(Path dir) throws ModelLoadException {
    Manifest m = readManifest(dir);
    if (m.weights() == null || m.sha256() == null) {
      throw new ModelLoadException(
          Reason.BAD_MANIFEST, dir, "manifest lacks 'weights' or 'sha256'");
    }
    check(dir, m.weights(), m.sha256());
    if (m.tokenizer() != null && !m.files().containsKey(m.tokenizer())) {
      throw new ModelLoadException(
          Reason.BAD_MANIFEST, dir, "manifest has no sha256 for tokenizer " + m.tokenizer());
    }
    for (Map.Entry<String, String> f : m.files().entrySet()) {
      check(dir, f.getKey(), f.getValue());
    }
    return m;
  }

  private static void check(Path dir, String name, String expected) throws ModelLoadException {
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir.normalize())) {
      throw new ModelLoadException(
          Reason.BAD_MANIFEST, dir, "file " + name + " is outside the directory");
    }
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException(Reason.MISSING_FILE, dir, name + " is missing");
    }
    String actual;
    try {
      actual = sha256(file);
    } catch (IOException e) {
      throw new ModelLoadException(Reason.MISSING_FILE, dir, name + " cannot be read", e);
    }
    if (!actual.equalsIgnoreCase(expected)) {
      throw new ModelLoadException(
          Reason.HASH_MISMATCH,
          dir,
          name
              + " has SHA-256 "
              + actual
              + " but the manifest pins "
              + expected
              + ": the file was modified or replaced; refusing to load it");
    }
  }

  private static TextClassifier loadClassifier(Path dir, Manifest m, Device device)
      throws ModelLoadException {
    NgramFeaturizer featurizer =
        readTokenizer(dir, m, BAG_CLASSIFIER, "featurizer", NgramFeaturizer::read);
    Block block =
        buildBlock(
            dir,
            () ->
                new BagClassifierBlock(
                    featurizer.dimension(),
                    m.intParam("hidden"),
                    m.intParam("members"),
                    m.intParam("linearMembers", 0),
                    m.labels().size(),
                    0f));
    Model model = loadWeights(dir, m, block, device);
    return new TextClassifier(m, model, featurizer);
  }

  private static SpanExtractor loadExtractor(Path dir, Manifest m, Device device)
      throws ModelLoadException {
    TokenFeaturizer featurizer =
        readTokenizer(dir, m, BIO_TAGGER, "featurizer", TokenFeaturizer::read);
    Block block =
        buildBlock(
            dir,
            () ->
                new TaggerBlock(
                    featurizer.wordCount(),
                    featurizer.pieceCount(),
                    TokenFeaturizer.SHAPES,
                    m.intParam("dim"),
                    m.intParam("hidden"),
                    1 + 2 * m.labels().size(),
                    0f));
    return new SpanExtractor(m, loadWeights(dir, m, block, device), featurizer);
  }

  private static DraftGenerator loadDraft(Path dir, Manifest m, Device device)
      throws ModelLoadException {
    ReplyVocabulary vocabulary =
        readTokenizer(dir, m, DRAFT_LM, "vocabulary", ReplyVocabulary::read);
    DraftLmBlock lm =
        buildBlock(
            dir,
            () ->
                new DraftLmBlock(
                    vocabulary.size(),
                    ReplyVocabulary.CONDITIONS,
                    m.intParam("dim"),
                    m.intParam("hidden"),
                    0f));
    Model model = loadWeights(dir, m, lm, device);
    model.setBlock(
        new GreedyDraftBlock(
            lm,
            m.maxLength(),
            vocabulary.id(ReplyVocabulary.BOS),
            vocabulary.id(ReplyVocabulary.EOS)));
    return new DraftGenerator(m, model, vocabulary);
  }

  /** Reads a tokenizer file, such as a featurizer or a vocabulary. */
  @FunctionalInterface
  private interface TokenizerReader<T> {
    T read(Path file) throws IOException;
  }

  /**
   * Checks that the manifest names {@code architecture}, then reads its tokenizer file ({@code
   * what}, for the error message).
   */
  private static <T> T readTokenizer(
      Path dir, Manifest m, String architecture, String what, TokenizerReader<T> reader)
      throws ModelLoadException {
    if (!architecture.equals(m.architecture())) {
      throw new ModelLoadException(
          Reason.UNSUPPORTED, dir, "architecture '" + m.architecture() + "' is unknown");
    }
    try {
      return reader.read(dir.resolve(m.tokenizer()));
    } catch (IOException e) {
      throw new ModelLoadException(Reason.BAD_MANIFEST, dir, what + ": " + e.getMessage(), e);
    }
  }

  /** Builds a block from the manifest's hyperparameters; bad ones are a bad manifest. */
  private static <B extends Block> B buildBlock(Path dir, Supplier<B> build)
      throws ModelLoadException {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(Reason.BAD_MANIFEST, dir, e.getMessage(), e);
    }
  }

  /** Creates a DJL model for {@code block} and reads the weights file into it. */
  static Model loadWeights(Path dir, Manifest m, Block block, Device device)
      throws ModelLoadException {
    Model model = Model.newInstance(m.name(), device);
    model.setBlock(block);
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(Files.newInputStream(dir.resolve(m.weights()))))) {
      block.loadParameters(model.getNDManager(), in);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelLoadException(
          Reason.CORRUPT_WEIGHTS,
          dir,
          m.weights() + " does not match architecture " + m.architecture() + ": " + e.getMessage(),
          e);
    }
    return model;
  }
}
