/**
 * Validate step: decodes, checks and normalizes each incoming support message, drops re-sent
 * copies, and hands valid ones to the fan-out (the processor {@code validate-and-fan-out}).
 */
package dev.smallfirst.topology.validate;
