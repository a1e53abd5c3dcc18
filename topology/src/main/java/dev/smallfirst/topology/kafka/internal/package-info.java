/**
 * Not API: the dead-lettering Streams exception handlers (public only because Streams instantiates
 * them by class name, see {@link dev.smallfirst.topology.kafka.ExactlyOnceStreams}).
 */
package dev.smallfirst.topology.kafka.internal;
