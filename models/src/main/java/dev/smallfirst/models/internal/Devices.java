package dev.smallfirst.models.internal;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.smallfirst.models.LoadOptions.DevicePreference;
import dev.smallfirst.models.ModelLoadException;

/** Picks the DJL device: the first GPU when asked for (or on auto when one is seen), else CPU. */
public final class Devices {
  private Devices() {}

  /** The device for {@code preference} on {@code engine}. */
  public static Device choose(DevicePreference preference, Engine engine) {
    int gpus = engine.getGpuCount();
    return switch (preference) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new ModelLoadException(
              "inference.device=gpu but the " + engine.getEngineName() + " engine sees no GPU");
        }
        yield Device.gpu();
      }
    };
  }
}
