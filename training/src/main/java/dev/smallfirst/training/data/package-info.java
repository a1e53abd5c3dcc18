/**
 * The JSON Lines readers of training and evaluation data, with the checks that report bad lines.
 */
package dev.smallfirst.training.data;
