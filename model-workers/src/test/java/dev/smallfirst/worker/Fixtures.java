package dev.smallfirst.worker;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The committed fixture models of the models module (its test resources are on this module's test
 * class path).
 */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture directory of {@code stage}: classify, extract, sentiment or draft. */
  public static Path torchscript(String stage) {
    return directoryOf("/torchscript/" + stage);
  }

  /**
   * The tiny randomly initialised causal LM (a draft model, format {@code causal-lm}) made by the
   * models module's {@code make_causal_lm_fixture.py}.
   */
  public static Path causalLm() {
    return directoryOf("/causal-lm");
  }

  /** The directory of the committed fixture whose manifest is at {@code resource}/manifest.json. */
  public static Path directoryOf(String resource) {
    try {
      return Path.of(Fixtures.class.getResource(resource + "/manifest.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
