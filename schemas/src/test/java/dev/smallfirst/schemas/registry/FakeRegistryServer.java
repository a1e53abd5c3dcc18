package dev.smallfirst.schemas.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.smallfirst.schemas.registry.FakeRegistryState.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.SchemaParseException;

/**
 * A loopback registry speaking the Confluent REST JSON for the endpoints the client uses, on
 * 127.0.0.1 and a free port, optionally under a path prefix. It records every request and can
 * answer scripted statuses first (for auth, conflict and retry tests). Thread-safe.
 *
 * <pre>{@code
 * try (FakeRegistryServer registry = FakeRegistryServer.start()) {
 *   registry.respondNext(503, "{}");
 *   SchemaRegistryClient client = SchemaRegistryClient.create(RegistrySettings.of(registry.url()));
 * }
 * }</pre>
 */
public final class FakeRegistryServer implements AutoCloseable {

  /** One request as received: method, raw path and query, authorization header and body. */
  public record RecordedRequest(
      String method,
      String path,
      String query,
      String authorization,
      String contentType,
      String body) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final String prefix;
  private final FakeRegistryState state = new FakeRegistryState();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
  private volatile Answer always;

  private FakeRegistryServer(HttpServer server, String prefix) {
    this.server = server;
    this.prefix = prefix;
  }

  /** Starts a registry at the root path. */
  public static FakeRegistryServer start() {
    return start("");
  }

  /** Starts a registry whose API lives under {@code prefix}, e.g. {@code /apis/ccompat/v7}. */
  public static FakeRegistryServer start(String prefix) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeRegistryServer fake = new FakeRegistryServer(server, prefix);
      server.createContext("/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake registry on 127.0.0.1", e);
    }
  }

  /** The base URL to configure clients with, including the prefix. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
  }

  /** Every request received so far, oldest first. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The number of requests received so far. */
  public int requestCount() {
    return requests.size();
  }

  /** The most recent request. */
  public RecordedRequest lastRequest() {
    return requests.getLast();
  }

  /** Answers the next request with this status and JSON body instead of the registry's answer. */
  public void respondNext(int status, String json) {
    scripted.add(new Answer(status, json));
  }

  /** Answers the next request with a Confluent error body. */
  public void respondNextError(int status, int errorCode, String message) {
    scripted.add(FakeRegistryState.error(status, errorCode, message));
  }

  /** Answers every request with this status and body from now on. */
  public void respondAlways(int status, String json) {
    always = new Answer(status, json);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getRawPath();
      requests.add(
          new RecordedRequest(
              exchange.getRequestMethod(),
              path,
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body));
      Answer answer = always != null ? always : scripted.poll();
      if (answer == null) {
        answer = answer(exchange.getRequestMethod(), path, body);
      }
      byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", RegistryTransport.CONTENT_TYPE);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private Answer answer(String method, String path, String body) {
    try {
      return route(method, path, body);
    } catch (SchemaParseException e) {
      return FakeRegistryState.error(422, 42201, "Invalid schema: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      return FakeRegistryState.error(500, 50001, "Fake registry failed: " + e);
    }
  }

  private Answer route(String method, String path, String body) throws IOException {
    if (!path.startsWith(prefix + "/")) {
      return FakeRegistryState.error(404, 404, "HTTP 404 Not Found");
    }
    String[] parts = path.substring(prefix.length() + 1).split("/");
    String route = method + " " + String.join("/", shape(parts));
    return switch (route) {
      case "POST subjects/*/versions" -> state.register(decode(parts[1]), schema(body));
      case "POST subjects/*" -> state.lookup(decode(parts[1]), schema(body));
      case "GET subjects/*/versions/latest" -> state.latest(decode(parts[1]));
      case "GET schemas/ids/*" -> state.schemaById(Integer.parseInt(parts[2]));
      case "POST compatibility/subjects/*/versions/latest" ->
          state.testCompatibility(decode(parts[2]), schema(body));
      case "GET config" -> state.level(null);
      case "PUT config" -> state.setLevel(null, body);
      case "GET config/*" -> state.level(decode(parts[1]));
      case "PUT config/*" -> state.setLevel(decode(parts[1]), body);
      default -> FakeRegistryState.error(404, 404, "HTTP 404 Not Found: " + route);
    };
  }

  /** The path with subject and id segments replaced by '*'. */
  private static String[] shape(String[] parts) {
    String[] shape = parts.clone();
    if (shape.length >= 2 && (shape[0].equals("subjects") || shape[0].equals("config"))) {
      shape[1] = "*";
    }
    if (shape.length >= 3 && (shape[0].equals("schemas") || shape[0].equals("compatibility"))) {
      shape[2] = "*";
    }
    return shape;
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String schema(String body) throws IOException {
    return MAPPER.readTree(body).get("schema").asText();
  }
}
