package dev.smallfirst.frontier.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.llm.anthropic.AnthropicLlmClient;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.runtime.config.ConfigSource;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A provider endpoint that closes idle keep-alive connections: each connection answers one request
 * and is closed, without an answer, when the client sends a second one on it. Every call must still
 * succeed (issue 16: 5 of 13 calls failed with "unexpected end of stream").
 */
class StaleConnectionTest {
  private static final LlmRequest REQUEST =
      new LlmRequest("You are the writer.", "Polish this.", 256, Duration.ofSeconds(2));

  @Test
  void shouldRetryACallThatMetAStalePooledConnectionOnAFreshOne() throws Exception {
    try (OneAnswerPerConnection server =
        new OneAnswerPerConnection(Wire.anthropicMessage("Hello there.", 812, 96).body())) {
      Map<String, String> config = new HashMap<>();
      config.put("frontier.provider", "anthropic");
      config.put("frontier.base.url", server.url());
      config.put("frontier.model", "claude-sonnet-4-5");
      config.put("frontier.api.key.required", "false");
      AnthropicLlmClient client =
          AnthropicLlmClient.create(
              ProviderSettings.from(ConfigSource.of(config), Map.of()), Clock.systemUTC());
      try {
        // When five calls run one after the other, each after the server closed the last one's
        for (int i = 0; i < 5; i++) {
          // Then every one succeeds
          assertThat(client.complete(REQUEST).text()).isEqualTo("Hello there.");
        }
      } finally {
        client.close();
      }
      assertThat(server.refused()).as("stale connections met").isPositive();
    }
  }

  /** Answers the first request of each connection; closes it on the second. */
  private static final class OneAnswerPerConnection implements AutoCloseable {
    private final ServerSocket socket;
    private final byte[] answer;
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread acceptor;

    OneAnswerPerConnection(String json) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head =
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: keep-alive\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(body);
      answer = out.toByteArray();
      acceptor = Thread.ofVirtual().start(this::accept);
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    int refused() {
      return refused.get();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          Thread.ofVirtual().start(() -> serve(s));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        readRequest(in);
        out.write(answer);
        out.flush();
        if (readRequest(in)) {
          refused.incrementAndGet(); // the idle connection was closed: no answer
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    /** Reads one request; false at end of stream. */
    private static boolean readRequest(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        head.append((char) c);
        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
          break;
        }
      }
      if (c < 0) {
        return false;
      }
      int length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      in.readNBytes(length);
      return true;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      acceptor.interrupt();
    }
  }
}
