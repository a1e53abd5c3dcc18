package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroClassTrustTest {

  private ClassSecurityPredicate original;

  @BeforeEach
  void rememberGlobal() {
    original = ClassSecurityValidator.getGlobal();
  }

  @AfterEach
  void restoreGlobal() {
    ClassSecurityValidator.setGlobal(original);
  }

  @Test
  void shouldKeepClassesTrustedByAnEarlierPredicate() {
    // Given an application that trusted UUID itself
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(original, type -> type == UUID.class));

    // When
    AvroClassTrust.trust(SupportMessage.class, SupportMessage.getClassSchema());

    // Then
    assertThatCode(() -> ClassSecurityValidator.validate(UUID.class)).doesNotThrowAnyException();
    assertThatCode(() -> ClassSecurityValidator.validate(SupportMessage.class))
        .doesNotThrowAnyException();
    assertThat(AvroClassTrust.trusts(StageResult.class)).isTrue();
  }

  @Test
  void shouldTrustNamespacesOfNestedNamedTypes() {
    // Given a record whose nested record lives in another namespace
    Schema nested = SchemaBuilder.record("Span").namespace("java.time").fields().endRecord();
    Schema outer =
        SchemaBuilder.record("Outer")
            .namespace("dev.smallfirst.records")
            .fields()
            .name("span")
            .type(SchemaBuilder.array().items(nested))
            .noDefault()
            .endRecord();

    // When
    AvroClassTrust.trust(SupportMessage.class, outer);

    // Then
    assertThat(AvroClassTrust.trusts(Duration.class)).isTrue();
    assertThat(AvroClassTrust.trusts(URI.class)).isFalse();
  }
}
