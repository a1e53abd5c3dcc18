/**
 * Deadline step: the per-stage deadlines, the expiry of late stages (re-request once, then give up;
 * never a second polish) and the wall-clock punctuator over the in-flight store. Entry points:
 * {@link dev.smallfirst.topology.deadline.StageDeadlines}, {@link
 * dev.smallfirst.topology.deadline.DeadlineWatch}.
 */
package dev.smallfirst.topology.deadline;
