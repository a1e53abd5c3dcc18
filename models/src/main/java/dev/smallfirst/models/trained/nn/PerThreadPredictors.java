package dev.smallfirst.models.trained.nn;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.Translator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One DJL {@link Predictor} per calling thread over a shared {@link Model} (DJL predictors are not
 * thread-safe; the model's parameters are shared read-only). Thread-safe. {@link #close()} closes
 * every predictor created.
 *
 * @param <I> predictor input
 * @param <O> predictor output
 */
public final class PerThreadPredictors<I, O> implements AutoCloseable {

  private final Model model;
  private final Translator<I, O> translator;
  private final ThreadLocal<Predictor<I, O>> local = new ThreadLocal<>();
  private final Queue<Predictor<I, O>> all = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  public PerThreadPredictors(Model model, Translator<I, O> translator) {
    this.model = model;
    this.translator = translator;
  }

  /** This thread's predictor, created on first use. */
  public Predictor<I, O> get() {
    if (closed) {
      throw new IllegalStateException("model is closed");
    }
    Predictor<I, O> p = local.get();
    if (p == null) {
      p = model.newPredictor(translator);
      local.set(p);
      all.add(p);
    }
    return p;
  }

  @Override
  public void close() {
    closed = true;
    Predictor<I, O> p;
    while ((p = all.poll()) != null) {
      p.close();
    }
  }
}
