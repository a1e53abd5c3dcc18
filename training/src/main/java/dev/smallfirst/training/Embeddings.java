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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pooled encoder embeddings of many texts for the trainer, in length-sorted batches (less padding),
 * cached on disk per text: the encoder pass is most of a head's training time, and the same texts
 * are encoded again on every retrain and in every data mix. The cache folder is {@code
 * -Dsmallfirst.embedding.cache}, else {@code <java.io.tmpdir>/smallfirst-embeddings}; each run adds
 * one file of the vectors it computed, named after the encoder's SHA-256 and token limit, and reads
 * every such file (so concurrent runs never write the same file). Keys are the SHA-256 of the text.
 * Not thread-safe.
 */
final class Embeddings {
  private static final int BATCH = 64;
  private static final int FLUSH = 2048;

  private Embeddings() {}

  /** The pooled embedding of each text, in order. */
  static float[][] pooled(SentenceEncoder encoder, List<String> texts, PrintStream log)
      throws IOException {
    int dim = encoder.spec().dimension();
    String prefix = encoder.spec().onnxSha256().substring(0, 16) + "-" + encoder.maxTokens() + "-";
    Path root = cacheRoot();
    Map<String, float[]> cache = load(root, prefix, dim);
    float[][] out = new float[texts.size()][];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out[i] = cache.get(key(texts.get(i)));
      if (out[i] == null) {
        missing.add(i);
      }
    }
    if (missing.isEmpty()) {
      log.printf("encoder: %d embeddings from the cache %s%n", texts.size(), root);
      return out;
    }
    long started = System.nanoTime();
    missing.sort(java.util.Comparator.comparingInt(i -> texts.get(i).length()));
    Map<String, float[]> fresh = new LinkedHashMap<>();
    for (int from = 0; from < missing.size(); from += BATCH) {
      int to = Math.min(missing.size(), from + BATCH);
      List<String> batch = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        batch.add(texts.get(missing.get(k)));
      }
      float[][] e = encoder.encode(batch, false).pooled();
      for (int k = from; k < to; k++) {
        out[missing.get(k)] = e[k - from];
        fresh.put(key(batch.get(k - from)), e[k - from]);
      }
      if (fresh.size() >= FLUSH) {
        // Kept as it goes, so that a run stopped half-way does not encode the same texts again.
        write(root, prefix, fresh);
        fresh.clear();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    log.printf(
        "encoder: embedded %d texts with %s in %.1fs (%.0f/s); %d from the cache%n",
        missing.size(),
        encoder.spec().shortName(),
        seconds,
        missing.size() / Math.max(1e-9, seconds),
        texts.size() - missing.size());
    if (!fresh.isEmpty()) {
      write(root, prefix, fresh);
    }
    return out;
  }

  private static String key(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path cacheRoot() {
    String dir = System.getProperty("smallfirst.embedding.cache");
    return dir == null || dir.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "smallfirst-embeddings")
        : Path.of(dir);
  }

  private static Map<String, float[]> load(Path root, String prefix, int dim) throws IOException {
    Map<String, float[]> out = new HashMap<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    List<Path> files;
    try (var s = Files.list(root)) {
      files =
          s.filter(
                  p ->
                      p.getFileName().toString().startsWith(prefix)
                          && p.toString().endsWith(".f32"))
              .toList();
    }
    for (Path file : files) {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        int n = in.readInt();
        if (in.readInt() != dim) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          String k = in.readUTF();
          float[] row = new float[dim];
          for (int d = 0; d < dim; d++) {
            row[d] = in.readFloat();
          }
          out.put(k, row);
        }
      } catch (java.io.EOFException e) {
        // A file cut short by a killed run: what was read before it stays usable.
      }
    }
    return out;
  }

  private static void write(Path root, String prefix, Map<String, float[]> rows)
      throws IOException {
    Files.createDirectories(root);
    Path tmp = Files.createTempFile(root, "emb", ".part");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(rows.size());
      out.writeInt(rows.isEmpty() ? 0 : rows.values().iterator().next().length);
      for (Map.Entry<String, float[]> e : rows.entrySet()) {
        out.writeUTF(e.getKey());
        for (float v : e.getValue()) {
          out.writeFloat(v);
        }
      }
    }
    Path file = root.resolve(prefix + java.util.UUID.randomUUID() + ".f32");
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
