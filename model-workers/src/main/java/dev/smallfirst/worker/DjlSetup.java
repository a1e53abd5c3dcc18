package dev.smallfirst.worker;

/**
 * DJL's process-wide switches, set before the engine first loads: offline mode (no network probes,
 * no downloads) unless set otherwise, and PyTorch's thread counts from the settings.
 */
final class DjlSetup {
  private DjlSetup() {}

  static void apply(WorkerSettings s) {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", String.valueOf(s.torchThreads()));
    setIfAbsent("ai.djl.pytorch.num_interop_threads", String.valueOf(s.torchInteropThreads()));
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
