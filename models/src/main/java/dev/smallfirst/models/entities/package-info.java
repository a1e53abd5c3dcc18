/**
 * The deterministic entity validators (order numbers, amounts, e-mail addresses, ...) and the merge
 * of their finds with a model's spans. Pure and stateless.
 */
package dev.smallfirst.models.entities;
