/** Temperature scaling and the choice of the escalation threshold. */
package dev.smallfirst.training.calibration;
