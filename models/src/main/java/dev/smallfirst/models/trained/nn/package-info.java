/**
 * The DJL blocks of the {@code djl} format and their translators: the n-gram bag classifier, the
 * BIO tagger and the slot language model with greedy decoding. The trainer builds and trains them;
 * the loader rebuilds them from a manifest.
 */
package dev.smallfirst.models.trained.nn;
