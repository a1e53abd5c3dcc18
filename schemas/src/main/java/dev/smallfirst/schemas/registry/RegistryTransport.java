package dev.smallfirst.schemas.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests to the registry with a timeout each, retrying I/O errors, timeouts, 5xx and 429
 * with bounded exponential backoff. Thread-safe; closing it cuts short any wait between attempts.
 */
final class RegistryTransport implements AutoCloseable {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";
  private static final int MAX_DOUBLINGS = 5;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final int MAX_CHAIN = 4;

  private final RegistrySettings settings;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final CountDownLatch closed = new CountDownLatch(1);

  private RegistryTransport(RegistrySettings settings, HttpClient http) {
    this.settings = settings;
    this.http = http;
    this.authorization =
        settings
            .basicAuthUserInfo()
            .map(info -> "Basic " + base64(info))
            .or(() -> settings.bearerToken().map(token -> "Bearer " + token));
  }

  static RegistryTransport create(RegistrySettings settings) {
    // HTTP/1.1: registry traffic is a handful of cached calls, and h2c upgrades confuse proxies.
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    settings.trustStore().ifPresent(store -> builder.sslContext(TlsContexts.fromTrustStore(store)));
    return new RegistryTransport(settings, builder.build());
  }

  URI baseUrl() {
    return settings.url();
  }

  RegistryReply get(String path) {
    return exchange("GET", path, null);
  }

  RegistryReply post(String path, String json) {
    return exchange("POST", path, json);
  }

  RegistryReply put(String path, String json) {
    return exchange("PUT", path, json);
  }

  private RegistryReply exchange(String method, String path, String json) {
    URI uri = URI.create(settings.url() + path);
    if (closed.getCount() == 0) {
      throw new IllegalStateException(
          "Schema registry client is closed; cannot " + method + " " + uri);
    }
    HttpRequest request = request(method, uri, json);
    for (int attempt = 1; ; attempt++) {
      Attempt outcome = send(request, attempt);
      if (outcome instanceof Attempt.Answered answered && !isRetriable(answered.reply().status())) {
        return answered.reply();
      }
      if (attempt >= settings.maxAttempts()) {
        throw new RegistryUnavailableException(
            method, uri, attempt, outcome.describe(), outcome.cause());
      }
      pause(attempt, request, outcome);
    }
  }

  private HttpRequest request(String method, URI uri, String json) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).header("Accept", ACCEPT);
    authorization.ifPresent(value -> builder.header("Authorization", value));
    if (json == null) {
      return builder.method(method, BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
  }

  private Attempt send(HttpRequest request, int attempt) {
    try {
      HttpResponse<String> response =
          http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Attempt.Answered(
          new RegistryReply(
              request.method(), request.uri(), response.statusCode(), response.body()));
    } catch (IOException e) {
      return new Attempt.Failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException(
          request.method(), request.uri(), attempt, "interrupted", e);
    }
  }

  private void pause(int attempt, HttpRequest request, Attempt last) {
    long delay =
        Math.min(
            settings.backoff().toMillis() << Math.min(attempt - 1, MAX_DOUBLINGS),
            MAX_BACKOFF.toMillis());
    try {
      if (closed.await(delay, TimeUnit.MILLISECONDS)) {
        throw new RegistryUnavailableException(
            request.method(),
            request.uri(),
            attempt,
            last.describe() + "; client closed",
            last.cause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException(
          request.method(), request.uri(), attempt, last.describe() + "; interrupted", e);
    }
  }

  private static boolean isRetriable(int status) {
    return status == 429 || status >= 500;
  }

  private static String base64(String userInfo) {
    return Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    closed.countDown();
    http.close();
  }

  /** The outcome of one attempt: an HTTP answer, or an I/O failure (including timeouts). */
  private sealed interface Attempt {

    String describe();

    Throwable cause();

    record Answered(RegistryReply reply) implements Attempt {
      @Override
      public String describe() {
        return "HTTP " + reply.status() + ": " + reply.errorMessage();
      }

      @Override
      public Throwable cause() {
        return null;
      }
    }

    record Failed(IOException error) implements Attempt {
      /** The exception chain down to the first message, e.g. for a bare ConnectException. */
      @Override
      public String describe() {
        List<String> chain = new ArrayList<>();
        for (Throwable t = error; t != null && chain.size() < MAX_CHAIN; t = t.getCause()) {
          String text = t.toString();
          if (chain.isEmpty() || !chain.getLast().equals(text)) {
            chain.add(text);
          }
          if (t.getMessage() != null) {
            break;
          }
        }
        String hint =
            error instanceof ConnectException ? " (connection refused or unreachable)" : "";
        return String.join(" caused by ", chain) + hint;
      }

      @Override
      public Throwable cause() {
        return error;
      }
    }
  }
}
