/**
 * {@code smallfirst train} and {@code smallfirst benchmark-models}: one job per stage (data checks,
 * split, training with early stopping, calibration, threshold choice, model directory), the DJL
 * trainers and the model writer.
 */
package dev.smallfirst.training;
