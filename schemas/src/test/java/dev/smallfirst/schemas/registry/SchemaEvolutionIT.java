package dev.smallfirst.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Schema evolution rules enforced by the real registry (BACKWARD, Confluent's default). */
@ExtendWith(LocalStackExtension.class)
class SchemaEvolutionIT {
  private static final String V1 =
      """
      {"type":"record","name":"Ticket","namespace":"dev.smallfirst.evolution","fields":[
        {"name":"id","type":"string"},
        {"name":"priority","type":"int"}]}""";

  @Test
  void shouldAcceptANewFieldWithADefault(LocalStack stack) {
    String subject = "evolution.add-field-value";
    try (SchemaRegistryClient registry = client(stack)) {
      // Given
      int v1 = registry.register(subject, parse(V1));
      Schema v2 =
          parse(
              V1.replace(
                  "]}", ",{\"name\":\"channel\",\"type\":\"string\",\"default\":\"EMAIL\"}]}"));

      // When
      CompatibilityCheck check = registry.testCompatibility(subject, v2);
      int v2Id = registry.register(subject, v2);

      // Then
      assertThat(check.compatible()).isTrue();
      assertThat(v2Id).isNotEqualTo(v1);
      assertThat(registry.latest(subject).version()).isEqualTo(2);
    }
  }

  @Test
  void shouldRejectAFieldAddedWithoutADefault(LocalStack stack) {
    String subject = "evolution.add-required-value";
    try (SchemaRegistryClient registry = client(stack)) {
      registry.register(subject, parse(V1));
      Schema v2 = parse(V1.replace("]}", ",{\"name\":\"channel\",\"type\":\"string\"}]}"));

      assertThat(registry.testCompatibility(subject, v2).compatible()).isFalse();
      assertThatThrownBy(() -> registry.register(subject, v2))
          .isInstanceOf(IncompatibleSchemaException.class)
          .hasMessageContaining(subject);
    }
  }

  @Test
  void shouldRejectAChangedFieldType(LocalStack stack) {
    String subject = "evolution.type-change-value";
    try (SchemaRegistryClient registry = client(stack)) {
      registry.register(subject, parse(V1));
      Schema v2 =
          parse(V1.replace("\"priority\",\"type\":\"int\"", "\"priority\",\"type\":\"string\""));

      assertThatThrownBy(() -> registry.register(subject, v2))
          .isInstanceOf(IncompatibleSchemaException.class)
          .hasMessageContaining(subject)
          .hasMessageContaining("/fields/1/type"); // the changed field, as the registry reports it
    }
  }

  @Test
  void shouldRejectARemovedFieldUnderFullCompatibility(LocalStack stack) {
    // A field removed without a default breaks old readers: FORWARD (part of FULL) catches it.
    String subject = "evolution.remove-field-value";
    try (SchemaRegistryClient registry = client(stack)) {
      registry.register(subject, parse(V1));
      registry.setCompatibility(subject, CompatibilityLevel.FULL);
      Schema v2 =
          parse(
              """
              {"type":"record","name":"Ticket","namespace":"dev.smallfirst.evolution","fields":[
                {"name":"id","type":"string"}]}""");

      assertThat(registry.compatibility(subject)).isEqualTo(CompatibilityLevel.FULL);
      assertThatThrownBy(() -> registry.register(subject, v2))
          .isInstanceOf(IncompatibleSchemaException.class)
          .hasMessageContaining(subject);
    }
  }

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  private static SchemaRegistryClient client(LocalStack stack) {
    return SchemaRegistryClient.create(RegistrySettings.fromConfig(stack.clientConfig()));
  }
}
