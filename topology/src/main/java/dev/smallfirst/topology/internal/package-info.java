/**
 * Not API: what the steps share. The message life cycle's vocabulary ({@code Transition}, {@code
 * Effect}, {@code Slots}), the stores ({@code LocalStores}) and the base processor that decodes raw
 * records, dead-letters poison ones and carries out transitions.
 */
package dev.smallfirst.topology.internal;
