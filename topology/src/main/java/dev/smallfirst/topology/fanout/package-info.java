/**
 * Fan-out step: every request to a small-model stage worker, with its attempt and deadline; a new
 * message is fanned out to the stage catalogue's analyses, the draft request carries them as
 * context. Entry point: {@link dev.smallfirst.topology.fanout.FanOut}.
 */
package dev.smallfirst.topology.fanout;
