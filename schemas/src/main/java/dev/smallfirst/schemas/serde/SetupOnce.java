package dev.smallfirst.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * What both halves of the Avro serde share: the state prepared from one {@link SerdeSetup}, given
 * by a constructor or by {@code configure} (whichever comes first; later ones are ignored), and
 * closing the registry client when the setup owns it. Thread-safe.
 *
 * @param <T> the generated Avro record class
 * @param <S> the state a half prepares from its setup
 */
abstract class SetupOnce<T extends SpecificRecord, S> {
  private volatile S state;

  /** The state for {@code setup}; called once. */
  abstract S prepare(SerdeSetup<T> setup);

  /** The setup {@code state} was prepared from. */
  abstract SerdeSetup<T> setupOf(S state);

  /**
   * Reads the registry settings and {@code smallfirst.avro.specific.type}; ignored when the serde
   * was built with a client.
   */
  @SuppressWarnings("unchecked")
  public synchronized void configure(Map<String, ?> configs, boolean isKey) {
    if (state == null) {
      init((SerdeSetup<T>) SerdeSetup.fromConfigs(configs, isKey));
    }
  }

  /** Sets the setup unless one is set already. */
  synchronized void init(SerdeSetup<T> setup) {
    if (state == null) {
      state = prepare(setup);
    }
  }

  boolean isConfigured() {
    return state != null;
  }

  /** The prepared state; fails when neither a client nor {@code configure} gave a setup. */
  S state() {
    S current = state;
    if (current == null) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " is not configured: call configure(...) or pass a client");
    }
    return current;
  }

  /** Closes the registry client if this serde created it. */
  public void close() {
    S current = state;
    if (current != null && setupOf(current).ownsClient()) {
      setupOf(current).client().close();
    }
  }
}
