package dev.smallfirst.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The frontier worker's loopback provider (Anthropic Messages and OpenAI Chat Completions wire
 * formats) answering compare's prompts: the answer is computed from the message between the
 * prompt's markers. Also runs {@link CompareMain} and reads its report.
 */
final class LoopbackFrontier implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> ENV =
      Map.of("ANTHROPIC_API_KEY", "sk-ant-loopback", "OPENAI_API_KEY", "sk-loopback");

  final FakeProvider server;
  final String provider;

  /**
   * @param answer the reply text for a message (the text between the prompt's markers)
   */
  LoopbackFrontier(String provider, Function<String, String> answer, long in, long out)
      throws IOException {
    this.provider = provider;
    this.server = FakeProvider.start(Wire.anthropicError(500, "api_error", "unscripted"));
    server.otherwise(
        request -> {
          String text = answer.apply(message(request.body()));
          return provider.equals("anthropic")
              ? Wire.anthropicMessage(text, in, out)
              : Wire.openAiCompletion(text, in, out);
        });
  }

  String baseUrl() {
    return provider.equals("anthropic") ? server.anthropicBaseUrl() : server.openAiBaseUrl();
  }

  /**
   * The customer text of a request body of either API: the text between compare's markers, or the
   * whole user turn when it has none (the polish prompt).
   */
  static String message(String body) throws IOException {
    String user = "";
    for (JsonNode m : JSON.readTree(body).path("messages")) {
      String content = m.path("content").isTextual() ? m.get("content").asText() : m.toString();
      int from = content.indexOf("<<<MESSAGE>>>\n");
      int to = content.indexOf("\n<<<END_MESSAGE>>>");
      if (from >= 0 && to > from) {
        return content.substring(from + "<<<MESSAGE>>>\n".length(), to);
      }
      if (m.path("role").asText().equals("user")) {
        user = content;
      }
    }
    return user;
  }

  /** A finished run: exit status, what it printed, and its report (when one was written). */
  record Run(int status, String out, String err, JsonNode report) {}

  Run run(Path reportDir, String... args) throws IOException {
    return run(ENV, reportDir, args);
  }

  /** Runs with {@code env} as the environment. */
  Run run(Map<String, String> env, Path reportDir, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--provider")) {
      all.addAll(List.of("--provider", provider));
    }
    all.addAll(List.of("--base-url", baseUrl(), "--report", reportDir.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CompareMain.run(
            all.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    Path json = reportDir.resolve("compare.json");
    return new Run(
        status,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        Files.isRegularFile(json) ? JSON.readTree(json.toFile()) : null);
  }

  @Override
  public void close() {
    server.close();
  }
}
