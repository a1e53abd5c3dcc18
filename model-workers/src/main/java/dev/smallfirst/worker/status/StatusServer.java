package dev.smallfirst.worker.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's HTTP endpoint: {@code /health} answers 200 while the process lives, {@code /ready}
 * 200 only once the model is loaded and warmed up and the poll loop runs (503 with the reason
 * before), {@code /metrics} the Prometheus scrape. Thread-safe.
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

  private final HttpServer server;
  private volatile Supplier<Optional<String>> notReadyBecause = () -> Optional.of("starting");

  private StatusServer(HttpServer server) {
    this.server = server;
  }

  /** Binds {@code host:port} (0 for a free port) and serves; not ready until {@link #readiness}. */
  public static StatusServer start(String host, int port, PrometheusMeterRegistry prometheus)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
    StatusServer s = new StatusServer(http);
    http.createContext("/health", ex -> send(ex, 200, "text/plain", "ok\n"));
    http.createContext("/ready", s::ready);
    http.createContext(
        "/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4", prometheus.scrape()));
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

  /** Readiness from now on: empty when ready, else why not. */
  public void readiness(Supplier<Optional<String>> notReadyBecause) {
    this.notReadyBecause = notReadyBecause;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void ready(HttpExchange ex) throws IOException {
    Optional<String> why = notReadyBecause.get();
    if (why.isEmpty()) {
      send(ex, 200, "text/plain", "ready\n");
    } else {
      send(ex, 503, "text/plain", "not ready: " + why.get() + "\n");
    }
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
