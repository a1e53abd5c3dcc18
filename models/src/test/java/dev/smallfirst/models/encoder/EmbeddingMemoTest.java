package dev.smallfirst.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.models.encoder.EmbeddingMemo.Pooled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The memo answers repeated texts from memory and shares passes that overlap in time. */
class EmbeddingMemoTest {
  /** Records every batch it is asked for; each text's vector is its length. */
  private static final class CountingEncoder implements EmbeddingMemo.Encoder {
    final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<Pooled> encode(List<String> texts) {
      batches.add(List.copyOf(texts));
      return texts.stream().map(t -> new Pooled(new float[] {t.length()}, t.length() > 5)).toList();
    }
  }

  @Test
  void shouldEncodeEachNewTextOnceAndAnswerRepeatsFromMemory() {
    CountingEncoder enc = new CountingEncoder();
    EmbeddingMemo memo = new EmbeddingMemo(enc, 10);

    List<Pooled> first = memo.pooled(List.of("ab", "abcdefg", "ab"));
    List<Pooled> second = memo.pooled(List.of("abcdefg", "xyz"));

    assertThat(first).extracting(p -> p.vector()[0]).containsExactly(2f, 7f, 2f);
    assertThat(first).extracting(Pooled::truncated).containsExactly(false, true, false);
    assertThat(second).extracting(p -> p.vector()[0]).containsExactly(7f, 3f);
    assertThat(enc.batches).containsExactly(List.of("ab", "abcdefg"), List.of("xyz"));
    assertThat(memo.hits()).isEqualTo(1);
    assertThat(memo.encoded()).isEqualTo(3);
  }

  @Test
  void shouldForgetTheLeastRecentlyUsedTextBeyondItsCapacity() {
    CountingEncoder enc = new CountingEncoder();
    EmbeddingMemo memo = new EmbeddingMemo(enc, 2);
    memo.pooled(List.of("a", "b"));
    memo.pooled(List.of("a")); // a is now the most recent
    memo.pooled(List.of("c")); // evicts b

    memo.pooled(List.of("a", "b"));

    assertThat(enc.batches).containsExactly(List.of("a", "b"), List.of("c"), List.of("b"));
  }

  @Test
  void shouldMakeASecondCallerWaitForThePassThatIsEncodingItsText() throws Exception {
    CountDownLatch inPass = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    EmbeddingMemo memo =
        new EmbeddingMemo(
            texts -> {
              batches.add(List.copyOf(texts));
              if (texts.contains("shared")) {
                inPass.countDown();
                await(release);
              }
              return texts.stream().map(t -> new Pooled(new float[] {t.length()}, false)).toList();
            },
            0);
    // Own threads: the common pool may have one thread on a small machine.
    ExecutorService callers = Executors.newFixedThreadPool(2);
    CompletableFuture<List<Pooled>> first =
        CompletableFuture.supplyAsync(() -> memo.pooled(List.of("shared")), callers);
    assertThat(inPass.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<List<Pooled>> second =
        CompletableFuture.supplyAsync(() -> memo.pooled(List.of("own", "shared")), callers);
    // The second caller encodes its own text, then joins the first pass for "shared".
    awaitCondition(() -> memo.joined() == 1 && batches.size() == 2);
    assertThat(second).isNotDone();

    release.countDown();

    assertThat(first.get(30, TimeUnit.SECONDS).get(0).vector()).containsExactly(6f);
    assertThat(second.get(30, TimeUnit.SECONDS))
        .extracting(p -> p.vector()[0])
        .containsExactly(3f, 6f);
    assertThat(batches).containsExactly(List.of("shared"), List.of("own"));
    callers.shutdown();
  }

  @Test
  void shouldGiveTheEncodersFailureToItsCallerAndEncodeAgainNextTime() {
    int[] calls = {0};
    EmbeddingMemo memo =
        new EmbeddingMemo(
            texts -> {
              if (calls[0]++ == 0) {
                throw new IllegalStateException("onnx said no");
              }
              return texts.stream().map(t -> new Pooled(new float[] {1}, false)).toList();
            },
            4);

    assertThatThrownBy(() -> memo.pooled(List.of("a"))).hasMessage("onnx said no");
    assertThat(memo.pooled(List.of("a"))).hasSize(1);
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void shouldRefuseAnEncoderThatAnswersTheWrongNumberOfTexts() {
    EmbeddingMemo memo = new EmbeddingMemo(texts -> List.of(), 4);

    assertThatThrownBy(() -> memo.pooled(List.of("a", "b")))
        .hasMessageContaining("answered 0 of 2 texts");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
