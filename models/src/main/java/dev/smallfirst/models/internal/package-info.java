/** Helpers of the model formats that are not API: the device choice. */
package dev.smallfirst.models.internal;
