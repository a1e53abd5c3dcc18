package dev.smallfirst.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {

  @Test
  void shouldExportHeapGcThreadAndCpuMetrics() {
    // Given a deployable's registry
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    // When the JVM metrics are bound
    try (JvmMetrics ignored = JvmMetrics.bindTo(prometheus)) {
      String scrape = prometheus.scrape();

      // Then the scrape carries them under their standard names
      assertThat(scrape)
          .contains("jvm_memory_used_bytes{area=\"heap\"")
          .contains("jvm_threads_live_threads")
          .contains("jvm_classes_loaded_classes")
          .contains("process_cpu_usage")
          .contains("process_uptime_seconds");
    }
  }
}
