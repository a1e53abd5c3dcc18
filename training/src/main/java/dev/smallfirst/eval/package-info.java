/**
 * {@code smallfirst eval}: runs a model on labeled data, writes its predictions and reports
 * metrics, calibration, the threshold sweep and failure modes as JSON and HTML.
 */
package dev.smallfirst.eval;
