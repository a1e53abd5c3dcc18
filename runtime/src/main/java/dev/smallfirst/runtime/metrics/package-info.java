/** Metrics every deployable binds besides its own: the JVM's and the process's. */
package dev.smallfirst.runtime.metrics;
