package dev.smallfirst.runtime.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.smallfirst.schemas.registry.RegistrySettings;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class RegistryCheckTest {

  @Test
  void shouldNameTheUrlWhenNothingListens() throws Exception {
    // Given a port nobody listens on
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";

    // Then the start check fails, naming the key and the URL
    assertThatThrownBy(() -> RegistryCheck.requireReachable(RegistrySettings.of(url)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("schema.registry.url: no schema registry answers at " + url);
  }

  @Test
  void shouldNameTheUrlWhenAWebServerThatIsNoRegistryAnswers() throws Exception {
    // Given an HTTP server that answers 404 everywhere (a wrong path, say)
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", ex -> ex.sendResponseHeaders(404, -1));
    http.start();
    try {
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/wrong";

      // Then the start check fails, naming the key
      assertThatThrownBy(() -> RegistryCheck.requireReachable(RegistrySettings.of(url)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("schema.registry.url");
    } finally {
      http.stop(0);
    }
  }
}
