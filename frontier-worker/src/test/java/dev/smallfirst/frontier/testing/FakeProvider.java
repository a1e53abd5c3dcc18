package dev.smallfirst.frontier.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server standing in for a provider: answers {@code POST /v1/messages} and {@code
 * POST /v1/chat/completions} with scripted replies (status, headers, JSON body, optional stall) in
 * order, then with a default; records every request and the peak number in flight. Thread-safe.
 */
public final class FakeProvider implements AutoCloseable {
  /**
   * A scripted reply.
   *
   * @param stall how long the server waits before answering (released early by {@link #close()})
   */
  public record Reply(int status, Map<String, String> headers, String body, Duration stall) {
    public static Reply json(int status, String body) {
      return new Reply(status, Map.of(), body, Duration.ZERO);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> h = new java.util.HashMap<>(headers);
      h.put(name, value);
      return new Reply(status, Map.copyOf(h), body, stall);
    }

    public Reply stalledFor(Duration d) {
      return new Reply(status, headers, body, d);
    }
  }

  /**
   * A request as the server received it.
   *
   * @param arrivedNanos {@link System#nanoTime()} at arrival
   */
  public record Received(
      String path, Map<String, List<String>> headers, String body, long arrivedNanos) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Responder otherwise;

  /** Computes a reply from the request (for replies that echo what was sent). */
  @FunctionalInterface
  public interface Responder {
    Reply reply(Received request) throws Exception;
  }

  private FakeProvider(Reply otherwise) throws IOException {
    this.otherwise = request -> otherwise;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A server answering with {@code otherwise} until scripted. */
  public static FakeProvider start(Reply otherwise) throws IOException {
    return new FakeProvider(otherwise);
  }

  /** Base URL for the Anthropic SDK (it appends {@code /v1/messages}). */
  public String anthropicBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Base URL for the OpenAI SDK (it appends {@code /chat/completions}). */
  public String openAiBaseUrl() {
    return anthropicBaseUrl() + "/v1";
  }

  /** Queues replies, answered in order before the default. */
  public FakeProvider then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Replaces the default reply. */
  public void otherwise(Reply reply) {
    this.otherwise = request -> reply;
  }

  /** Replaces the default reply with one computed from each request. */
  public void otherwise(Responder responder) {
    this.otherwise = responder;
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  public int requests() {
    return received.size();
  }

  /** The most requests the server was answering at once. */
  public int peakInFlight() {
    return peak.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    try {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Received request =
          new Received(
              ex.getRequestURI().getPath(),
              Map.copyOf(ex.getRequestHeaders()),
              body,
              System.nanoTime());
      received.add(request);
      Reply reply = script.poll();
      if (reply == null) {
        try {
          reply = otherwise.reply(request);
        } catch (Exception e) {
          reply = Reply.json(500, "{\"error\":\"fake provider responder failed: " + e + "\"}");
        }
      }
      if (!reply.stall().isZero()) {
        closing.await(reply.stall().toMillis(), TimeUnit.MILLISECONDS);
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // The client timed out and closed the connection: expected in timeout tests.
    } finally {
      inFlight.decrementAndGet();
      ex.close();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
