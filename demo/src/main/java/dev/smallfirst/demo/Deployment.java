package dev.smallfirst.demo;

import java.util.Map;

/** One started system under test (the pipeline or the naive baseline): its settings, and stop. */
interface Deployment extends AutoCloseable {
  /**
   * What shapes its latency and throughput (commit intervals, batching, polish), for the report.
   */
  Map<String, String> settings();

  /** Stops it; never throws. */
  @Override
  void close();
}
