/** The {@code causal-lm} loader and its stage model; reached only through the loader SPI. */
package dev.smallfirst.models.causallm.internal;
