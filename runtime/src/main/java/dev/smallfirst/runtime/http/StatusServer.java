package dev.smallfirst.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.smallfirst.runtime.config.ConfigException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every deployable's HTTP endpoint: {@code /health} 200 or 503 with the deployable's liveness
 * {@link Probe} (200 "ok" until {@link #health} is set), {@code /ready} 200 or 503 with its
 * readiness probe, {@code /metrics} the Prometheus scrape, plus any extra routes (path prefix to
 * handler). Not ready until {@link #readiness} is set. A port already in use fails the start with a
 * {@link ConfigException} naming {@value #PORT_KEY}. Thread-safe.
 *
 * <pre>{@code
 * StatusServer status = StatusServer.start("127.0.0.1", 0, prometheus, Map.of());
 * status.readiness(() -> Probe.whenState(loop.state().name(), "RUNNING"));
 * }</pre>
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

  /**
   * What {@code /ready} answers.
   *
   * @param ready 200 when true, else 503
   * @param detail the body, without the trailing newline
   */
  public record Probe(boolean ready, String detail) {

    /** Ready when {@code state} equals {@code readyState}; the body is the state. */
    public static Probe whenState(String state, String readyState) {
      return new Probe(readyState.equals(state), state);
    }
  }

  /** The setting every deployable's status port comes from. */
  public static final String PORT_KEY = "http.port";

  private final HttpServer server;
  private final String host;
  private volatile Supplier<Probe> readiness = () -> new Probe(false, "starting");
  private volatile Supplier<Probe> health = () -> new Probe(true, "ok");

  private StatusServer(HttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Binds {@code host:port} (0 for a free port) and starts serving.
   *
   * @param routes extra handlers by path prefix, e.g. {@code "/messages/"}
   */
  public static StatusServer start(
      String host, int port, PrometheusMeterRegistry prometheus, Map<String, HttpHandler> routes)
      throws IOException {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (BindException e) {
      throw new ConfigException(
          PORT_KEY,
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "): another process holds the port; choose another "
              + PORT_KEY
              + " (0 = a free port, -1 = no endpoint)");
    }
    StatusServer s = new StatusServer(http, host);
    http.createContext("/health", ex -> answer(ex, s.health.get()));
    http.createContext("/ready", ex -> answer(ex, s.readiness.get()));
    http.createContext(
        "/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4", prometheus.scrape()));
    routes.forEach(http::createContext);
    http.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "status-http");
              t.setDaemon(true);
              return t;
            }));
    http.start();
    log.info("status endpoint on http://{}:{}/", host, s.port());
    return s;
  }

  /** Liveness from now on: 503 tells the supervisor to restart the process. */
  public void health(Supplier<Probe> probe) {
    this.health = probe;
  }

  /** Readiness from now on. */
  public void readiness(Supplier<Probe> probe) {
    this.readiness = probe;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code host:port} as bound, e.g. for Streams' {@code application.server}. */
  public String advertised() {
    return host + ":" + port();
  }

  private static void answer(HttpExchange ex, Probe p) throws IOException {
    send(ex, p.ready() ? 200 : 503, "text/plain", p.detail() + "\n");
  }

  /** Writes a whole response; for extra routes. */
  public static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
