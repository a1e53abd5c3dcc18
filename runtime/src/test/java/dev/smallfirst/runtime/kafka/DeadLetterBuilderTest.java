package dev.smallfirst.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterBuilderTest {
  /** The producer's default {@code max.request.size}: a dead letter must fit below it. */
  private static final int PRODUCER_LIMIT = 1_048_576;

  /** The record of issue 16: accepted by the broker, its dead letter was 1,048,765 bytes. */
  private static final int JUST_UNDER_BROKER_LIMIT = 1_048_400;

  @Test
  void shouldFitARecordJustUnderTheBrokerLimitAndRecordWhatWasCut() throws Exception {
    // Given a value just under the broker's limit
    byte[] value = new byte[JUST_UNDER_BROKER_LIMIT];
    new Random(7).nextBytes(value);
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));

    // When it is dead-lettered
    DeadLetter letter = build(new byte[] {'t', '1'}, value, headers);

    // Then the dead letter fits, keeps the first bytes, and names the whole value's digest and size
    assertThat(encodedSize(letter)).isLessThan(PRODUCER_LIMIT - 16 * 1024);
    byte[] kept = bytes(letter.getValue());
    assertThat(kept).hasSize(DeadLetterBuilder.MAX_VALUE_BYTES);
    assertThat(kept).isEqualTo(Arrays.copyOf(value, kept.length));
    assertThat(header(letter, "smallfirst.dlq.value.length")).isEqualTo("1048400");
    assertThat(header(letter, "smallfirst.dlq.value.sha256"))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
    assertThat(header(letter, "trace")).isEqualTo("abc");
    assertThat(bytes(letter.getKey())).containsExactly('t', '1');
  }

  @Test
  void shouldKeepASmallRecordWhole() {
    // Given a small record
    byte[] value = "hello".getBytes(StandardCharsets.UTF_8);

    // When it is dead-lettered
    DeadLetter letter = build(new byte[] {'k'}, value, new RecordHeaders());

    // Then nothing is cut and no cut is recorded
    assertThat(bytes(letter.getValue())).isEqualTo(value);
    assertThat(letter.getHeaders().keySet()).noneMatch(k -> k.startsWith("smallfirst.dlq."));
  }

  @Test
  void shouldFitAnOversizedKeyAndThousandsOfHeaders() {
    // Given a huge key and 20,000 headers of 50 bytes
    byte[] key = new byte[900_000];
    RecordHeaders headers = new RecordHeaders();
    for (int i = 0; i < 20_000; i++) {
      headers.add("h" + i, new byte[50]);
    }

    // When it is dead-lettered
    DeadLetter letter = build(key, new byte[100_000], headers);

    // Then it still fits, the key is cut and the dropped headers are counted
    assertThat(encodedSize(letter)).isLessThan(PRODUCER_LIMIT - 16 * 1024);
    assertThat(bytes(letter.getKey())).hasSize(DeadLetterBuilder.MAX_KEY_BYTES);
    assertThat(header(letter, "smallfirst.dlq.key.length")).isEqualTo("900000");
    assertThat(Integer.parseInt(header(letter, "smallfirst.dlq.headers.dropped")))
        .isGreaterThan(18_000);
  }

  private static DeadLetter build(byte[] key, byte[] value, RecordHeaders headers) {
    return DeadLetterBuilder.of(
        new DeadLetterBuilder.Source("support.messages", 3, 42L, key, value, headers),
        "topology.deserialization",
        null,
        null,
        "org.apache.kafka.common.errors.RecordTooLargeException",
        "x".repeat(10_000),
        Instant.EPOCH);
  }

  private static int encodedSize(DeadLetter letter) {
    try {
      return letter.toByteBuffer().remaining();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String header(DeadLetter letter, String name) {
    return new String(bytes(letter.getHeaders().get(name)), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
