package dev.smallfirst.stack.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GET on a deployable's status endpoint on 127.0.0.1, for end-to-end tests. Stateless. */
public final class StatusPort {
  private StatusPort() {}

  /** The response to GET {@code path} on {@code port}, its body as a string. */
  public static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
