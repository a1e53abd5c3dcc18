package dev.smallfirst.topology.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.topology.kafka.Names;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology's HTTP endpoint: {@code /health} (alive), {@code /ready} (Streams RUNNING), {@code
 * /metrics} (Prometheus), and {@code /messages/{messageId}[?ticketId=T]}, the status of a message
 * from the local stores (interactive queries). When the message is not local and its ticket id is
 * given, it redirects to the instance that owns the ticket's partition.
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final HostInfo self;
  private volatile KafkaStreams streams;

  private StatusServer(HttpServer server, HostInfo self) {
    this.server = server;
    this.self = self;
  }

  /**
   * Binds {@code host:port} (0 for a free port) and starts serving; message queries and readiness
   * answer 503 until {@link #attach(KafkaStreams)}. Binding first lets the caller advertise the
   * port as Streams' {@code application.server}.
   */
  public static StatusServer start(String host, int port, PrometheusMeterRegistry prometheus)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
    StatusServer s = new StatusServer(http, new HostInfo(host, http.getAddress().getPort()));
    http.createContext("/health", ex -> s.send(ex, 200, "text/plain", "ok\n"));
    http.createContext("/ready", s::ready);
    http.createContext(
        "/metrics", ex -> s.send(ex, 200, "text/plain; version=0.0.4", prometheus.scrape()));
    http.createContext("/messages/", s::message);
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

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code host:port} as Streams' {@code application.server}. */
  public String advertised() {
    return self.host() + ":" + self.port();
  }

  /** Starts answering readiness and message queries from {@code streams}. */
  public void attach(KafkaStreams streams) {
    this.streams = streams;
  }

  private void ready(HttpExchange ex) throws IOException {
    KafkaStreams s = streams;
    KafkaStreams.State state = s == null ? KafkaStreams.State.CREATED : s.state();
    send(ex, state == KafkaStreams.State.RUNNING ? 200 : 503, "text/plain", state + "\n");
  }

  private void message(HttpExchange ex) throws IOException {
    KafkaStreams streams = this.streams;
    if (streams == null) {
      send(ex, 503, "application/json", "{\"error\":\"starting\"}");
      return;
    }
    String id =
        URLDecoder.decode(
            ex.getRequestURI().getPath().substring("/messages/".length()), StandardCharsets.UTF_8);
    if (id.isBlank()) {
      send(
          ex, 400, "application/json", "{\"error\":\"usage: /messages/{messageId}[?ticketId=T]\"}");
      return;
    }
    try {
      ReadOnlyKeyValueStore<String, AggregateState> inflight =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  Names.INFLIGHT_STORE, QueryableStoreTypes.keyValueStore()));
      AggregateState state = inflight.get(id);
      if (state != null) {
        json(ex, 200, MessageStatus.inFlight(id, state));
        return;
      }
      ReadOnlyWindowStore<String, Long> answered =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  Names.ANSWERED_STORE, QueryableStoreTypes.windowStore()));
      try (WindowStoreIterator<Long> hits =
          answered.fetch(id, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
        if (hits.hasNext()) {
          json(ex, 200, MessageStatus.answered(id, Instant.ofEpochMilli(hits.next().value)));
          return;
        }
      }
      redirectOrUnknown(ex, streams, id);
    } catch (InvalidStateStoreException e) {
      send(
          ex,
          503,
          "application/json",
          "{\"error\":\"stores not queryable now (" + streams.state() + "); retry\"}");
    }
  }

  private void redirectOrUnknown(HttpExchange ex, KafkaStreams streams, String id)
      throws IOException {
    String query = ex.getRequestURI().getQuery();
    if (query != null && query.startsWith("ticketId=")) {
      String ticket =
          URLDecoder.decode(query.substring("ticketId=".length()), StandardCharsets.UTF_8);
      KeyQueryMetadata owner =
          streams.queryMetadataForKey(Names.INFLIGHT_STORE, ticket, Serdes.String().serializer());
      HostInfo host = owner.activeHost();
      if (host != null && host.port() > 0 && !host.equals(self)) {
        ex.getResponseHeaders()
            .add("Location", "http://" + host.host() + ":" + host.port() + ex.getRequestURI());
        send(ex, 307, "text/plain", "owned by " + host + "\n");
        return;
      }
    }
    json(ex, 404, MessageStatus.unknown(id));
  }

  private void json(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsString(body));
  }

  private void send(HttpExchange ex, int status, String type, String body) throws IOException {
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
