package dev.smallfirst.frontier.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's HTTP endpoint: {@code /health} (alive), {@code /ready} (200 once the spend ledger is
 * restored and the loop polls; 503 before and after) and {@code /metrics} (Prometheus).
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

  private final HttpServer server;

  private StatusServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Binds {@code host:port} (0 for a free port) and serves.
   *
   * @param state the worker's state name; {@code RUNNING} means ready
   */
  public static StatusServer start(
      String host, int port, PrometheusMeterRegistry prometheus, Supplier<String> state)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
    StatusServer s = new StatusServer(http);
    http.createContext("/health", ex -> send(ex, 200, "text/plain", "ok\n"));
    http.createContext(
        "/ready",
        ex -> {
          String now = state.get();
          send(ex, "RUNNING".equals(now) ? 200 : 503, "text/plain", now + "\n");
        });
    http.createContext(
        "/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4", prometheus.scrape()));
    http.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "frontier-status-http");
              t.setDaemon(true);
              return t;
            }));
    http.start();
    log.info("status endpoint on http://{}:{}/", host, s.port());
    return s;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange ex, int status, String type, String body)
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
