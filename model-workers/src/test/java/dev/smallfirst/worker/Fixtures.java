package dev.smallfirst.worker;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The committed TorchScript fixture models of the models module (its test resources are on this
 * module's test class path).
 */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture directory of {@code stage}: classify, extract, sentiment or draft. */
  public static Path torchscript(String stage) {
    try {
      return Path.of(Fixtures.class.getResource("/torchscript/" + stage + "/manifest.json").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
