/**
 * Text to model input: the word tokenizer, normalizer and featurizers of the {@code djl} format
 * (n-gram TF-IDF, token features, the reply vocabulary and the draft input), and the tokenizers of
 * token-id models ({@link dev.smallfirst.models.text.BertWordPieceEncoder}, {@link
 * dev.smallfirst.models.text.HfTextEncoder}) with their encoded batches.
 */
package dev.smallfirst.models.text;
