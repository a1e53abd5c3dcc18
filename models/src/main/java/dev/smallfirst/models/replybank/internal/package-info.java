/** The {@code reply-bank} loader and its stage model; reached only through the loader SPI. */
package dev.smallfirst.models.replybank.internal;
