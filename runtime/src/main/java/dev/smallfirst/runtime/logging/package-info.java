/** Logging support every deployable shares: the JSON log encoder of the container images. */
package dev.smallfirst.runtime.logging;
