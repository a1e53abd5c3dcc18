/**
 * A small client for the Confluent schema-registry REST API, which Confluent Schema Registry,
 * Apicurio ({@code /apis/ccompat/v7}), Karapace and Redpanda all speak.
 */
package dev.smallfirst.schemas.registry;
