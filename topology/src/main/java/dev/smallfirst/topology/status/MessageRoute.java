package dev.smallfirst.topology.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.runtime.http.StatusServer;
import dev.smallfirst.topology.kafka.Names;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
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

/**
 * The topology's {@code /messages/{messageId}[?ticketId=T]} route on the runtime's status server:
 * the status of a message from the local stores (interactive queries). When the message is not
 * local and its ticket id is given, it redirects to the instance that owns the ticket's partition.
 * Answers 503 until {@link #attach}. Thread-safe.
 */
public final class MessageRoute implements HttpHandler {
  /** Where the route is served. */
  public static final String PATH = "/messages/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private volatile KafkaStreams streams;
  private volatile HostInfo self;

  /** Starts answering from {@code streams}; {@code self} is this instance's status address. */
  public void attach(KafkaStreams streams, HostInfo self) {
    this.self = self;
    this.streams = streams;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    message(ex);
  }

  private void message(HttpExchange ex) throws IOException {
    KafkaStreams streams = this.streams;
    if (streams == null) {
      send(ex, 503, "application/json", "{\"error\":\"starting\"}");
      return;
    }
    String id =
        URLDecoder.decode(
            ex.getRequestURI().getPath().substring(PATH.length()), StandardCharsets.UTF_8);
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

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    StatusServer.send(ex, status, type, body);
  }
}
