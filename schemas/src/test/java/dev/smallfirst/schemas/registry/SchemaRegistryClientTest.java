package dev.smallfirst.schemas.registry;

import static dev.smallfirst.schemas.registry.TestSchemas.ORDER_V1;
import static dev.smallfirst.schemas.registry.TestSchemas.ORDER_V2_WITHOUT_DEFAULT;
import static dev.smallfirst.schemas.registry.TestSchemas.ORDER_V2_WITH_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.schemas.registry.FakeRegistryServer.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private FakeRegistryServer registry;
  private SchemaRegistryClient client;

  @BeforeEach
  void startRegistry() {
    registry = FakeRegistryServer.start();
    client = newClient();
  }

  @AfterEach
  void stopRegistry() {
    client.close();
    registry.close();
  }

  @Test
  void shouldRegisterSchemaWithConfluentRequestShape() throws Exception {
    // When
    int id = client.register("orders-value", ORDER_V1);

    // Then
    assertThat(id).isEqualTo(1);
    RecordedRequest request = registry.lastRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/subjects/orders-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    JsonNode body = mapper.readTree(request.body());
    assertThat(body.get("schema").asText()).isEqualTo(ORDER_V1.toString());
    assertThat(body.get("schemaType").asText()).isEqualTo("AVRO");
  }

  @Test
  void shouldServeRepeatedRegistrationFromCache() {
    // Given
    int first = client.register("orders-value", ORDER_V1);

    // When
    int second = client.register("orders-value", ORDER_V1);
    int viaLookup = client.lookup("orders-value", ORDER_V1).orElseThrow();

    // Then
    assertThat(second).isEqualTo(first);
    assertThat(viaLookup).isEqualTo(first);
    assertThat(registry.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldLookUpSchemaRegisteredByAnotherClient() {
    // Given
    int id;
    try (SchemaRegistryClient other = newClient()) {
      id = other.register("orders-value", ORDER_V1);
    }

    // When / Then
    assertThat(client.lookup("orders-value", ORDER_V1)).hasValue(id);
    assertThat(registry.lastRequest().path()).isEqualTo("/subjects/orders-value");
    assertThat(client.lookup("orders-value", ORDER_V1)).hasValue(id);
    assertThat(registry.requestCount()).isEqualTo(2);
  }

  @Test
  void shouldReturnEmptyWhenLookingUpUnknownSubjectOrSchema() {
    // Given
    client.register("orders-value", ORDER_V1);

    // When / Then
    assertThat(client.lookup("unknown-value", ORDER_V1)).isEmpty();
    assertThat(client.lookup("orders-value", ORDER_V2_WITH_DEFAULT)).isEmpty();
  }

  @Test
  void shouldFetchSchemaByIdOnceAndThenFromCache() {
    // Given
    int id;
    try (SchemaRegistryClient other = newClient()) {
      id = other.register("orders-value", ORDER_V1);
    }

    // When
    var first = client.schemaById(id);
    var second = client.schemaById(id);

    // Then
    assertThat(first).isEqualTo(ORDER_V1).isSameAs(second);
    assertThat(registry.requests())
        .filteredOn(request -> request.path().equals("/schemas/ids/" + id))
        .hasSize(1);
  }

  @Test
  void shouldThrowSchemaNotFoundNamingTheUnknownId() {
    // When / Then
    assertThatThrownBy(() -> client.schemaById(42))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessageContaining("id 42")
        .hasMessageContaining(registry.url() + "/schemas/ids/42");
  }

  @Test
  void shouldReturnLatestVersionOfSubject() {
    // Given
    client.register("orders-value", ORDER_V1);
    int second = client.register("orders-value", ORDER_V2_WITH_DEFAULT);

    // When
    SchemaVersion latest = client.latest("orders-value");

    // Then
    assertThat(latest)
        .isEqualTo(new SchemaVersion("orders-value", 2, second, ORDER_V2_WITH_DEFAULT));
    assertThat(registry.lastRequest().path()).isEqualTo("/subjects/orders-value/versions/latest");
  }

  @Test
  void shouldThrowSchemaNotFoundForLatestOfUnknownSubject() {
    // When / Then
    assertThatThrownBy(() -> client.latest("nobody-value"))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessageContaining("'nobody-value'");
  }

  @Test
  void shouldReportIncompatibilityWithRegistryMessages() {
    // Given
    client.register("orders-value", ORDER_V1);

    // When
    CompatibilityCheck check = client.testCompatibility("orders-value", ORDER_V2_WITHOUT_DEFAULT);

    // Then
    assertThat(check.compatible()).isFalse();
    assertThat(check.messages()).isNotEmpty().anyMatch(message -> message.contains("amount"));
    RecordedRequest request = registry.lastRequest();
    assertThat(request.path()).isEqualTo("/compatibility/subjects/orders-value/versions/latest");
    assertThat(request.query()).isEqualTo("verbose=true");
  }

  @Test
  void shouldAcceptCompatibleSchemaAndToleratAbsentMessages() {
    // Given
    registry.respondNext(200, "{\"is_compatible\":true}");

    // When
    CompatibilityCheck check = client.testCompatibility("orders-value", ORDER_V2_WITH_DEFAULT);

    // Then
    assertThat(check).isEqualTo(CompatibilityCheck.compatibleResult());
  }

  @Test
  void shouldTreatUnknownSubjectAsCompatible() {
    // When
    CompatibilityCheck check = client.testCompatibility("new-value", ORDER_V1);

    // Then
    assertThat(check.compatible()).isTrue();
    assertThat(check.messages()).isEmpty();
  }

  @Test
  void shouldSetAndReadSubjectCompatibilityLevel() throws Exception {
    // When
    client.setCompatibility("orders-value", CompatibilityLevel.FULL);

    // Then
    RecordedRequest put = registry.lastRequest();
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.path()).isEqualTo("/config/orders-value");
    assertThat(mapper.readTree(put.body()).get("compatibility").asText()).isEqualTo("FULL");
    assertThat(client.compatibility("orders-value")).isEqualTo(CompatibilityLevel.FULL);
    assertThat(registry.lastRequest().query()).isEqualTo("defaultToGlobal=true");
    assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(registry.lastRequest().path()).isEqualTo("/config");
  }

  @Test
  void shouldFallBackToGlobalLevelWhenRegistryHasNoSubjectLevel() {
    // Given
    registry.respondNextError(404, 40408, "Subject does not have subject-level compatibility");

    // When / Then
    assertThat(client.compatibility("orders-value")).isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void shouldKeepPathPrefixOfTheUrl() {
    // Given
    try (FakeRegistryServer apicurio = FakeRegistryServer.start("/apis/ccompat/v7");
        SchemaRegistryClient prefixed =
            SchemaRegistryClient.create(RegistrySettings.of(apicurio.url() + "/"))) {

      // When
      int id = prefixed.register("orders-value", ORDER_V1);

      // Then
      assertThat(prefixed.schemaById(id)).isEqualTo(ORDER_V1);
      assertThat(apicurio.lastRequest().path())
          .isEqualTo("/apis/ccompat/v7/subjects/orders-value/versions");
    }
  }

  @Test
  void shouldUrlEncodeSubjectsInPaths() {
    // When
    client.register("team a/orders+v", ORDER_V1);

    // Then
    assertThat(registry.lastRequest().path()).isEqualTo("/subjects/team%20a%2Forders%2Bv/versions");
    assertThat(client.latest("team a/orders+v").subject()).isEqualTo("team a/orders+v");
  }

  private SchemaRegistryClient newClient() {
    return SchemaRegistryClient.create(
        RegistrySettings.of(registry.url()).withRetries(3, Duration.ofMillis(10)));
  }
}
