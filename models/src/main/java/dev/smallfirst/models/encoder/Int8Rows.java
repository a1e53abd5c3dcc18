package dev.smallfirst.models.encoder;

import dev.smallfirst.models.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Embedding rows stored as signed bytes, as the reply bank's {@code embeddings.i8} and a
 * classifier's {@code neighbours.i8} hold them: one row of {@code dimension} bytes per vector, in
 * order, each row scaled so that its largest magnitude is 127. Read back as unit vectors (the scale
 * is lost, and cosine similarity does not need it). Stateless.
 */
public final class Int8Rows {
  private Int8Rows() {}

  /** Writes {@code rows} (all of one dimension) to {@code file}. */
  public static void write(Path file, float[][] rows) throws IOException {
    int dim = rows.length == 0 ? 0 : rows[0].length;
    byte[] raw = new byte[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      float max = 1e-12f;
      for (float v : rows[i]) {
        max = Math.max(max, Math.abs(v));
      }
      for (int d = 0; d < dim; d++) {
        raw[i * dim + d] = (byte) Math.round(rows[i][d] / max * 127);
      }
    }
    Files.write(file, raw);
  }

  /**
   * Reads {@code count} rows of {@code dimension} from {@code file} as unit vectors.
   *
   * @param what names the file in errors ("reply bank embeddings", …)
   * @throws ModelLoadException when the file cannot be read or has another size
   */
  public static float[][] read(Path file, int count, int dimension, String what) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelLoadException(what + " " + file + ": " + e, e);
    }
    if (raw.length != (long) count * dimension) {
      throw new ModelLoadException(
          what
              + " "
              + file
              + " hold "
              + raw.length
              + " bytes; "
              + count
              + " entries of dimension "
              + dimension
              + " need "
              + (long) count * dimension);
    }
    float[][] rows = new float[count][dimension];
    for (int i = 0; i < count; i++) {
      for (int d = 0; d < dimension; d++) {
        rows[i][d] = raw[i * dimension + d];
      }
      normalize(rows[i]);
    }
    return rows;
  }

  /** Scales {@code v} to unit length in place. */
  public static void normalize(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    float inv = (float) (1 / Math.max(1e-12, Math.sqrt(s)));
    for (int d = 0; d < v.length; d++) {
      v[d] *= inv;
    }
  }
}
