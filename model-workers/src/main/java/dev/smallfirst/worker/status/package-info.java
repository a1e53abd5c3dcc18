/**
 * The worker's HTTP endpoint: {@code /health}, {@code /ready} and {@code /metrics} (Prometheus).
 */
package dev.smallfirst.worker.status;
