package dev.smallfirst.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTlsTest {

  private static final String PASSWORD = "changeit";

  @TempDir Path dir;

  @Test
  void shouldTrustRegistryCertificateFromConfiguredTrustStore() throws Exception {
    // Given a registry on https with a self-signed certificate that the JDK does not trust
    Path store = selfSignedKeyStore();
    HttpsServer server = httpsServer(store);
    try {
      String url = "https://127.0.0.1:" + server.getAddress().getPort();
      RegistrySettings settings =
          RegistrySettings.of(url)
              .withRetries(1, Duration.ZERO)
              .withTrustStore(new TrustStore(store, PASSWORD, "PKCS12"));

      // When
      CompatibilityLevel level;
      try (SchemaRegistryClient client = SchemaRegistryClient.create(settings)) {
        level = client.globalCompatibility();
      }

      // Then
      assertThat(level).isEqualTo(CompatibilityLevel.FULL);
      try (SchemaRegistryClient untrusting =
          SchemaRegistryClient.create(RegistrySettings.of(url).withRetries(1, Duration.ZERO))) {
        assertThatThrownBy(untrusting::globalCompatibility)
            .isInstanceOf(RegistryUnavailableException.class)
            .hasMessageContaining("SSLHandshakeException");
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void shouldNameTheKeyWhenTrustStoreCannotBeLoaded() {
    // Given
    TrustStore missing = new TrustStore(dir.resolve("missing.p12"), PASSWORD, "PKCS12");

    // When / Then
    assertThatThrownBy(
            () ->
                SchemaRegistryClient.create(
                    RegistrySettings.of("https://127.0.0.1:8081").withTrustStore(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schema.registry.ssl.truststore.location: cannot load")
        .hasMessageContaining("missing.p12");
  }

  /** Makes a PKCS12 store with a self-signed key pair for 127.0.0.1 using the JDK's keytool. */
  private Path selfSignedKeyStore() throws IOException, InterruptedException {
    Path store = dir.resolve("registry.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "registry",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool: %s", output).isZero();
    return store;
  }

  private static HttpsServer httpsServer(Path store) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext(
        "/config",
        exchange -> {
          try (exchange) {
            byte[] body = "{\"compatibilityLevel\":\"FULL\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
    return server;
  }
}
