package dev.smallfirst.runtime.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * Binds the JVM's and the process's metrics to a deployable's registry: heap and non-heap memory
 * ({@code jvm_memory_*}), garbage collection ({@code jvm_gc_*}), threads, class loading, CPU
 * ({@code process_cpu_usage}, {@code system_cpu_count}) and uptime. Close it to stop the GC
 * listener. Not thread-safe to close twice concurrently; bind once per registry.
 *
 * <pre>{@code
 * JvmMetrics jvm = JvmMetrics.bindTo(prometheus); // ... jvm.close() at shutdown
 * }</pre>
 */
public final class JvmMetrics implements AutoCloseable {
  private final JvmGcMetrics gc;

  private JvmMetrics(JvmGcMetrics gc) {
    this.gc = gc;
  }

  /** Binds every JVM and process meter to {@code registry}. */
  public static JvmMetrics bindTo(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return new JvmMetrics(gc);
  }

  @Override
  public void close() {
    gc.close();
  }
}
