/** The picocli plumbing the training module's commands share: exit codes, validation, stages. */
package dev.smallfirst.training.cli;
