/**
 * The model worker deployable ({@code ./smallfirst worker --stage S --model DIR}): one runtime for
 * every small-model stage. {@link dev.smallfirst.worker.WorkerSettings} is validated at start,
 * {@link dev.smallfirst.worker.WorkerApp} loads and verifies the model, warms it up, and runs the
 * exactly-once poll loop with micro-batching; {@link dev.smallfirst.worker.WorkerMain} wires it to
 * the command line. Sub-packages: {@code model} (the seam to models), {@code djl} and {@code
 * adapters} (the DJL path and the stage translators), {@code torchscript} (that format), {@code
 * batching}, {@code kafka} and {@code status}.
 */
package dev.smallfirst.worker;
