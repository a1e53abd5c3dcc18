package dev.smallfirst.training;

import dev.smallfirst.models.encoder.SentenceEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Pooled encoder embeddings of many texts for the trainer, in length-sorted batches (less
 * padding), cached on disk under the SHA-256 of the encoder, the token limit and the texts: the
 * encoder pass is most of a head's training time, and the same data is encoded again on every
 * retrain. The cache folder is {@code -Dsmallfirst.embedding.cache}, else {@code
 * <java.io.tmpdir>/smallfirst-embeddings}. Not thread-safe.
 */
final class Embeddings {
  private static final int BATCH = 64;

  private Embeddings() {}

  /** The pooled embedding of each text, in order. */
  static float[][] pooled(SentenceEncoder encoder, List<String> texts, PrintStream log)
      throws IOException {
    Path cache = cacheFile(encoder, texts);
    if (Files.isRegularFile(cache)) {
      float[][] cached = read(cache, texts.size(), encoder.spec().dimension());
      if (cached != null) {
        log.printf("encoder: %d embeddings from the cache %s%n", texts.size(), cache);
        return cached;
      }
    }
    long started = System.nanoTime();
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> texts.get(i).length()));
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < order.length; from += BATCH) {
      int to = Math.min(order.length, from + BATCH);
      List<String> batch = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        batch.add(texts.get(order[k]));
      }
      float[][] e = encoder.encode(batch, false).pooled();
      for (int k = from; k < to; k++) {
        out[order[k]] = e[k - from];
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    log.printf(
        "encoder: embedded %d texts with %s in %.1fs (%.0f/s)%n",
        texts.size(), encoder.spec().shortName(), seconds, texts.size() / Math.max(1e-9, seconds));
    write(cache, out);
    return out;
  }

  private static Path cacheFile(SentenceEncoder encoder, List<String> texts) {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    d.update((encoder.spec().onnxSha256() + "|" + encoder.maxTokens()).getBytes(StandardCharsets.UTF_8));
    for (String t : texts) {
      d.update((byte) 0);
      d.update(t.getBytes(StandardCharsets.UTF_8));
    }
    String dir = System.getProperty("smallfirst.embedding.cache");
    Path root =
        dir == null || dir.isBlank()
            ? Path.of(System.getProperty("java.io.tmpdir"), "smallfirst-embeddings")
            : Path.of(dir);
    return root.resolve(HexFormat.of().formatHex(d.digest()) + ".f32");
  }

  private static float[][] read(Path file, int n, int dim) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != n || in.readInt() != dim) {
        return null;
      }
      float[][] out = new float[n][dim];
      for (float[] row : out) {
        for (int k = 0; k < dim; k++) {
          row[k] = in.readFloat();
        }
      }
      return out;
    }
  }

  private static void write(Path file, float[][] rows) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), "emb", ".part");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(rows.length);
      out.writeInt(rows.length == 0 ? 0 : rows[0].length);
      for (float[] row : rows) {
        for (float v : row) {
          out.writeFloat(v);
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
