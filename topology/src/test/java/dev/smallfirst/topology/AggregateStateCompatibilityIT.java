package dev.smallfirst.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.schemas.registry.CompatibilityCheck;
import dev.smallfirst.schemas.registry.CompatibilityLevel;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guards the in-flight store's record like the schemas module guards the shared ones: the current
 * {@link AggregateState} must be FULL-compatible with its released baseline in {@code
 * src/test/resources/schema-baseline}, as judged by the real registry, so a rolling restart can
 * read the changelog the old version wrote. When a change is released, refresh the baseline file.
 */
@ExtendWith(LocalStackExtension.class)
class AggregateStateCompatibilityIT {

  @Test
  void shouldStayFullyCompatibleWithTheReleasedBaseline(LocalStack stack) throws Exception {
    // Given: the released schema registered under a FULL-compatibility subject
    Schema baseline = baseline();
    String subject = "guard.AggregateState-value";
    try (SchemaRegistryClient registry =
        SchemaRegistryClient.create(RegistrySettings.fromConfig(stack.clientConfig()))) {
      registry.register(subject, baseline);
      registry.setCompatibility(subject, CompatibilityLevel.FULL);

      // When
      CompatibilityCheck check =
          registry.testCompatibility(subject, AggregateState.getClassSchema());

      // Then
      assertThat(check.compatible())
          .as("AggregateState changed incompatibly with its baseline: %s", check.messages())
          .isTrue();
    }
  }

  private static Schema baseline() throws IOException {
    String resource = "/schema-baseline/AggregateState.avsc";
    try (InputStream in = AggregateStateCompatibilityIT.class.getResourceAsStream(resource)) {
      assertThat(in).as("baseline %s", resource).isNotNull();
      return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
