/** A real Kafka broker and schema registry on loopback, for the demo and end-to-end tests. */
package dev.smallfirst.stack;
