package dev.smallfirst.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.frontier.llm.LlmReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Frontier answers on disk, one JSON file per (provider, model, prompt hash), so that a re-run of
 * {@code compare} on the same examples makes no call and pays nothing. Only answers the provider
 * completed are stored (a malformed one included: it was paid for and is a real answer); failed
 * calls are not, so a re-run retries them. Writes are atomic (temporary file, then move).
 * Thread-safe.
 */
public final class FrontierCache {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  /** A cache in {@code dir} (created on first write). */
  public FrontierCache(Path dir) {
    this.dir = dir;
  }

  /** The SHA-256 of a prompt's system and user turns. */
  public static String promptHash(String system, String user) {
    return sha256(system + "\u0000" + user);
  }

  /** The file name of an answer: the hash of provider, model and prompt hash. */
  static String key(String provider, String model, String promptHash) {
    return sha256(provider + "\n" + model + "\n" + promptHash);
  }

  /** The stored answer, if any; an unreadable entry counts as absent. */
  public Optional<LlmReply> get(String provider, String model, String promptHash) {
    Path file = dir.resolve(key(provider, model, promptHash) + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (!n.path("promptHash").asText().equals(promptHash)) {
        return Optional.empty();
      }
      return Optional.of(
          new LlmReply(
              n.path("text").asText(),
              n.path("replyModel").asText(""),
              Optional.of(
                  new LlmReply.Usage(
                      n.path("inputTokens").asLong(), n.path("outputTokens").asLong())),
              n.path("truncated").asBoolean(false)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // a torn or foreign file: ask the provider again
    }
  }

  /** Stores {@code reply} (its usage must be present) for the prompt. */
  public void put(String provider, String model, String promptHash, LlmReply reply)
      throws IOException {
    LlmReply.Usage usage = reply.usage().orElseThrow();
    ObjectNode n = JSON.createObjectNode();
    n.put("provider", provider);
    n.put("model", model);
    n.put("promptHash", promptHash);
    n.put("replyModel", reply.model());
    n.put("text", reply.text());
    n.put("inputTokens", usage.inputTokens());
    n.put("outputTokens", usage.outputTokens());
    n.put("truncated", reply.truncated());
    Files.createDirectories(dir);
    String name = key(provider, model, promptHash);
    Path tmp = Files.createTempFile(dir, name, ".tmp");
    Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    Files.move(
        tmp,
        dir.resolve(name + ".json"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
