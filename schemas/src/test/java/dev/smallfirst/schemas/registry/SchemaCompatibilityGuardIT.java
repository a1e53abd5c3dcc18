package dev.smallfirst.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards every schema change: each record's current schema must be FULL-compatible (old and new
 * readers both work) with its released baseline in {@code src/test/resources/schema-baseline}, as
 * judged by the real registry. When a change is released, refresh the baseline file.
 */
@ExtendWith(LocalStackExtension.class)
class SchemaCompatibilityGuardIT {

  static Stream<String> recordTypes() {
    return Stream.of(
        "SupportMessage",
        "StageRequest",
        "StageResult",
        "EscalationRequest",
        "EscalationResult",
        "DraftedReply",
        "DeadLetter");
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void shouldStayFullyCompatibleWithTheReleasedBaseline(String type, LocalStack stack)
      throws Exception {
    // Given: the released schema registered under a FULL-compatibility subject
    Schema baseline = baseline(type);
    Schema current = SpecificData.get().getSchema(Class.forName("dev.smallfirst.records." + type));
    String subject = "guard." + type + "-value";
    try (SchemaRegistryClient registry =
        SchemaRegistryClient.create(RegistrySettings.fromConfig(stack.clientConfig()))) {
      registry.register(subject, baseline);
      registry.setCompatibility(subject, CompatibilityLevel.FULL);

      // When
      CompatibilityCheck check = registry.testCompatibility(subject, current);

      // Then
      assertThat(check.compatible())
          .as("%s changed incompatibly with its baseline: %s", type, check.messages())
          .isTrue();
    }
  }

  private static Schema baseline(String type) throws IOException {
    String resource = "/schema-baseline/" + type + ".avsc";
    try (InputStream in = SchemaCompatibilityGuardIT.class.getResourceAsStream(resource)) {
      assertThat(in).as("baseline %s", resource).isNotNull();
      return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
