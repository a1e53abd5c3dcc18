package dev.smallfirst.runtime.kafka;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.Stage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Builds {@link DeadLetter}s: the original bytes and their coordinates, and what went wrong (the
 * message cut to 2,000 characters). Stateless.
 *
 * <p>A dead letter always fits the producer's default 1 MiB request limit, whatever the original
 * was: the key is kept up to {@value #MAX_KEY_BYTES} bytes, the original headers up to {@value
 * #MAX_HEADER_BYTES} bytes together, the value up to {@value #MAX_VALUE_BYTES} bytes. A part that
 * is cut keeps its first bytes, and the dead letter's headers record what was cut: {@code
 * smallfirst.dlq.<part>.sha256} (hex sha256 of the whole original) and {@code
 * smallfirst.dlq.<part>.length} (its length in bytes, decimal), part being {@code key}, {@code
 * value} or {@code header.<name>}; headers beyond the budget are dropped and counted in {@code
 * smallfirst.dlq.headers.dropped}. Nothing that enters can make its own dead letter too large, so a
 * poison record can never stall its partition.
 *
 * <pre>{@code
 * DeadLetter letter = DeadLetterBuilder.of(record, "frontier.decode", null, null, e, clock.instant());
 * }</pre>
 */
public final class DeadLetterBuilder {
  private static final int MAX_MESSAGE_CHARS = 2_000;

  /** The most original value bytes a dead letter keeps. */
  public static final int MAX_VALUE_BYTES = 768 * 1024;

  /** The most original key bytes a dead letter keeps. */
  public static final int MAX_KEY_BYTES = 16 * 1024;

  /** The most bytes of original header names and values a dead letter keeps, all together. */
  public static final int MAX_HEADER_BYTES = 64 * 1024;

  /** Prefix of the headers saying what was cut. */
  public static final String CUT_HEADER_PREFIX = "smallfirst.dlq.";

  private DeadLetterBuilder() {}

  /**
   * Where the failed record came from and its bytes.
   *
   * @param topic null when unknown
   * @param headers null when none
   */
  public record Source(
      String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {

    /** The coordinates and bytes of {@code record}. */
    public static Source of(ConsumerRecord<byte[], byte[]> record) {
      return new Source(
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          record.value(),
          record.headers());
    }
  }

  /**
   * A dead letter for {@code record} failed by {@code error}.
   *
   * @param component who gives up on it, e.g. {@code frontier.decode}
   * @param stage the stage it was meant for, or null
   * @param messageId the message's id when it could be read, else null
   */
  public static DeadLetter of(
      ConsumerRecord<byte[], byte[]> record,
      String component,
      Stage stage,
      String messageId,
      Throwable error,
      Instant now) {
    return of(
        Source.of(record),
        component,
        stage,
        messageId,
        error.getClass().getName(),
        String.valueOf(error.getMessage()),
        now);
  }

  /** A dead letter for {@code source} with the error's class name and message given as text. */
  public static DeadLetter of(
      Source source,
      String component,
      Stage stage,
      String messageId,
      String errorClass,
      String message,
      Instant now) {
    Map<String, ByteBuffer> headerMap = new HashMap<>();
    Map<String, ByteBuffer> cuts = new HashMap<>();
    if (source.headers() != null) {
      int budget = MAX_HEADER_BYTES;
      int dropped = 0;
      for (Header h : source.headers()) {
        byte[] value = h.value() == null ? new byte[0] : h.value();
        int room = budget - h.key().length();
        if (room <= 0) {
          dropped++;
          continue;
        }
        byte[] kept = keep(cuts, "header." + h.key(), value, room);
        budget = room - kept.length;
        headerMap.put(h.key(), ByteBuffer.wrap(kept));
      }
      if (dropped > 0) {
        cuts.put(
            CUT_HEADER_PREFIX + "headers.dropped",
            ByteBuffer.wrap(String.valueOf(dropped).getBytes(StandardCharsets.UTF_8)));
      }
    }
    byte[] key = source.key() == null ? null : keep(cuts, "key", source.key(), MAX_KEY_BYTES);
    byte[] value =
        source.value() == null ? null : keep(cuts, "value", source.value(), MAX_VALUE_BYTES);
    headerMap.putAll(cuts);
    return DeadLetter.newBuilder()
        .setSourceTopic(source.topic() == null ? "unknown" : cut(source.topic(), 512))
        .setPartition(source.partition())
        .setOffset(source.offset())
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setHeaders(headerMap)
        .setErrorClass(errorClass)
        .setErrorMessage(
            message.length() > MAX_MESSAGE_CHARS
                ? message.substring(0, MAX_MESSAGE_CHARS)
                : message)
        .setComponent(cut(component, 512))
        .setStage(stage)
        .setMessageId(messageId == null ? null : cut(messageId, 512))
        .setFailedAt(now)
        .build();
  }

  /** {@code bytes}, or its first {@code max} bytes with the cut recorded under {@code part}. */
  private static byte[] keep(Map<String, ByteBuffer> cuts, String part, byte[] bytes, int max) {
    if (bytes.length <= max) {
      return bytes;
    }
    record(cuts, part, bytes);
    return Arrays.copyOf(bytes, max);
  }

  private static void record(Map<String, ByteBuffer> cuts, String part, byte[] whole) {
    cuts.put(
        CUT_HEADER_PREFIX + part + ".sha256",
        ByteBuffer.wrap(HexFormat.of().formatHex(sha256(whole)).getBytes(StandardCharsets.UTF_8)));
    cuts.put(
        CUT_HEADER_PREFIX + part + ".length",
        ByteBuffer.wrap(String.valueOf(whole.length).getBytes(StandardCharsets.UTF_8)));
  }

  private static String cut(String s, int maxChars) {
    return s.length() > maxChars ? s.substring(0, maxChars) : s;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
