package dev.smallfirst.training;

import dev.smallfirst.models.text.NgramFeaturizer;
import java.util.List;
import java.util.Random;

/**
 * The sparse first layer of a bag-of-n-grams model during training: {@code h = sum_i w_i E[id_i] +
 * b}, its gradient, and a lazy Adam step that touches only the rows a batch used.
 *
 * <p>Why in plain Java: DJL 0.36 exposes neither PyTorch's {@code EmbeddingBag} nor sparse
 * gradients, so on DJL every step would materialize a {@code [batch, n, hidden]} gather, a dense
 * {@code [features, hidden]} gradient and a dense Adam update of the whole table — about 20x slower
 * on two CPU cores. The trained table is copied into the DJL block for inference, where the same
 * sum runs as an embedding lookup. Not thread-safe.
 */
final class SparseBagLayer {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final int rows;
  private final int dim;
  private final float[] table;
  private final float[] bias;
  private final float[] grad;
  private final float[] biasGrad;
  private final float[] m;
  private final float[] v;
  private final float[] mb;
  private final float[] vb;
  private final boolean[] touched;
  private final int[] touchedRows;
  private int touchedCount;
  private int step;
  private final int[] lastStep; // step at which each row's decay was last applied
  private float weightDecay;

  SparseBagLayer(int rows, int dim, float initStd, Random random) {
    this.rows = rows;
    this.dim = dim;
    this.table = new float[rows * dim];
    for (int i = dim; i < table.length; i++) { // row 0 is padding and stays zero
      table[i] = (float) (random.nextGaussian() * initStd);
    }
    this.bias = new float[dim];
    this.grad = new float[rows * dim];
    this.biasGrad = new float[dim];
    this.m = new float[rows * dim];
    this.v = new float[rows * dim];
    this.mb = new float[dim];
    this.vb = new float[dim];
    this.touched = new boolean[rows];
    this.touchedRows = new int[rows];
    this.lastStep = new int[rows];
  }

  /**
   * Decoupled weight decay ({@code p -= lr * decay * p} per step), applied lazily: a row is shrunk
   * for all the steps since it was last touched when it is touched again (and at {@link
   * #catchUp()}). An n-gram seen rarely therefore shrinks back between its few updates, which is
   * the regularization a sparse model needs; one seen in every batch is held up by its gradients.
   */
  SparseBagLayer weightDecay(float decay) {
    this.weightDecay = decay;
    return this;
  }

  /** Applies pending decay to every row at learning rate {@code lr} (call before scoring). */
  void catchUp(float lr) {
    if (weightDecay <= 0) {
      return;
    }
    for (int r = 1; r < rows; r++) {
      decay(r, lr);
    }
  }

  private void decay(int row, float lr) {
    int delta = step - lastStep[row];
    if (delta > 0) {
      float f = (float) Math.pow(Math.max(0, 1 - lr * weightDecay), delta);
      int from = row * dim;
      for (int i = from; i < from + dim; i++) {
        table[i] *= f;
      }
    }
    lastStep[row] = step;
  }

  /** {@code [batch * dim]} pre-activations of {@code batch}. */
  float[] forward(List<NgramFeaturizer.Features> batch) {
    float[] out = new float[batch.size() * dim];
    for (int b = 0; b < batch.size(); b++) {
      int o = b * dim;
      System.arraycopy(bias, 0, out, o, dim);
      NgramFeaturizer.Features f = batch.get(b);
      for (int i = 0; i < f.size(); i++) {
        int r = f.ids()[i] * dim;
        float w = f.weights()[i];
        for (int k = 0; k < dim; k++) {
          out[o + k] += w * table[r + k];
        }
      }
    }
    return out;
  }

  /** Accumulates the gradient for {@code batch} given {@code dh}, the gradient of the output. */
  void backward(List<NgramFeaturizer.Features> batch, float[] dh) {
    for (int b = 0; b < batch.size(); b++) {
      int o = b * dim;
      for (int k = 0; k < dim; k++) {
        biasGrad[k] += dh[o + k];
      }
      NgramFeaturizer.Features f = batch.get(b);
      for (int i = 0; i < f.size(); i++) {
        int id = f.ids()[i];
        if (!touched[id]) {
          touched[id] = true;
          touchedRows[touchedCount++] = id;
        }
        int r = id * dim;
        float w = f.weights()[i];
        for (int k = 0; k < dim; k++) {
          grad[r + k] += w * dh[o + k];
        }
      }
    }
  }

  /** Plain SGD instead of Adam: rare n-grams then move only as much as their gradients say. */
  private boolean sgd;

  SparseBagLayer sgd(boolean on) {
    this.sgd = on;
    return this;
  }

  /** One Adam (or SGD) step at {@code lr} on the touched rows and the bias; clears the gradient. */
  void step(float lr) {
    if (sgd) {
      for (int t = 0; t < touchedCount; t++) {
        int id = touchedRows[t];
        touched[id] = false;
        int from = id * dim;
        for (int i = from; i < from + dim; i++) {
          if (id != 0) {
            table[i] -= lr * grad[i];
          }
          grad[i] = 0f;
        }
      }
      touchedCount = 0;
      for (int i = 0; i < dim; i++) {
        bias[i] -= lr * biasGrad[i];
        biasGrad[i] = 0f;
      }
      return;
    }
    step++;
    float c1 = (float) (1 - Math.pow(BETA1, step));
    float c2 = (float) (1 - Math.pow(BETA2, step));
    float alpha = (float) (lr * Math.sqrt(c2) / c1);
    for (int t = 0; t < touchedCount; t++) {
      int id = touchedRows[t];
      touched[id] = false;
      if (id == 0) {
        java.util.Arrays.fill(grad, 0, dim, 0f);
        continue;
      }
      if (weightDecay > 0) {
        decay(id, lr);
      }
      update(table, m, v, grad, id * dim, dim, alpha);
    }
    touchedCount = 0;
    update(bias, mb, vb, biasGrad, 0, dim, alpha);
  }

  private static void update(
      float[] p, float[] m, float[] v, float[] g, int from, int len, float alpha) {
    for (int i = from; i < from + len; i++) {
      float gi = g[i];
      m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
      v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
      p[i] -= alpha * m[i] / ((float) Math.sqrt(v[i]) + EPS);
      g[i] = 0f;
    }
  }

  int rows() {
    return rows;
  }

  int dim() {
    return dim;
  }

  /** The learned table, {@code [rows * dim]} row-major; not a copy. */
  float[] table() {
    return table;
  }

  /** The learned bias; not a copy. */
  float[] bias() {
    return bias;
  }
}
