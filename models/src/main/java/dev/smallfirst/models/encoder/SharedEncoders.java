package dev.smallfirst.models.encoder;

import dev.smallfirst.models.ModelLoadException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link SentenceEncoder} per spec and length per process, shared by every model that uses it,
 * with one {@link EmbeddingMemo} in front: when a process serves classify and sentiment (the demo,
 * or a worker serving several stages), each message costs one encoder pass and one copy of the
 * encoder in memory, not one per stage. Leases are counted; the encoder closes with the last one.
 * Thread-safe.
 *
 * <pre>{@code
 * try (SharedEncoders.Lease enc = SharedEncoders.acquire(EncoderSpec.MINILM_INT8, 128)) {
 *   List<EmbeddingMemo.Pooled> e = enc.pooled(List.of("where is my order?"));
 * }
 * }</pre>
 *
 * <p>The memo remembers the last {@code -Dsmallfirst.encoder.memo} texts (default {@value
 * #DEFAULT_MEMO}; 0 remembers none but still shares passes that overlap in time).
 */
public final class SharedEncoders {
  /** Texts a memo remembers unless {@code -Dsmallfirst.encoder.memo} says otherwise. */
  public static final int DEFAULT_MEMO = 4096;

  private static final Logger log = LoggerFactory.getLogger(SharedEncoders.class);

  private record Key(EncoderSpec spec, int maxTokens) {}

  private static final class Shared {
    final SentenceEncoder encoder;
    final EmbeddingMemo memo;
    int leases;

    Shared(SentenceEncoder encoder, int memoCapacity) {
      this.encoder = encoder;
      this.memo = new EmbeddingMemo(texts -> pooledOf(encoder, texts), memoCapacity);
    }
  }

  private static final Map<Key, Shared> OPEN = new HashMap<>(); // guarded by OPEN

  private SharedEncoders() {}

  /**
   * A lease on the process's encoder for {@code spec} cutting at {@code maxTokens}, opening it
   * (resolving and verifying its files) when no lease is open.
   *
   * @throws ModelLoadException when the encoder cannot be opened
   */
  public static Lease acquire(EncoderSpec spec, int maxTokens) {
    Key key = new Key(spec, maxTokens);
    synchronized (OPEN) {
      Shared s = OPEN.get(key);
      if (s == null) {
        s = new Shared(SentenceEncoder.open(spec, maxTokens), memoCapacity());
        OPEN.put(key, s);
        log.info(
            "opened encoder {} ({} tokens), shared by the models of this process",
            spec.shortName(),
            maxTokens);
      }
      s.leases++;
      return new Lease(key, s);
    }
  }

  /** The open encoders' memos, for metrics, by {@code <encoder>/<maxTokens>}. */
  public static Map<String, EmbeddingMemo> memos() {
    synchronized (OPEN) {
      Map<String, EmbeddingMemo> out = new TreeMap<>();
      OPEN.forEach((k, s) -> out.put(k.spec().shortName() + "/" + k.maxTokens(), s.memo));
      return out;
    }
  }

  static int memoCapacity() {
    String v = System.getProperty("smallfirst.encoder.memo");
    if (v == null || v.isBlank()) {
      return DEFAULT_MEMO;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ModelLoadException(
        "-Dsmallfirst.encoder.memo must be a whole number >= 0, got '" + v + "'");
  }

  private static List<EmbeddingMemo.Pooled> pooledOf(SentenceEncoder encoder, List<String> texts) {
    SentenceEncoder.Embedded e = encoder.encode(texts, false);
    List<EmbeddingMemo.Pooled> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      out.add(new EmbeddingMemo.Pooled(e.pooled()[i], e.truncated()[i]));
    }
    return out;
  }

  /** A model's hold on a shared encoder. Close it once; the last close closes the encoder. */
  public static final class Lease implements AutoCloseable {
    private final Key key;
    private final Shared shared;
    private boolean closed; // guarded by OPEN

    private Lease(Key key, Shared shared) {
      this.key = key;
      this.shared = shared;
    }

    /** The encoder itself, for token states (never memoised). */
    public SentenceEncoder encoder() {
      return shared.encoder;
    }

    /** Pooled embeddings through the process's memo. */
    public List<EmbeddingMemo.Pooled> pooled(List<String> texts) {
      return shared.memo.pooled(texts);
    }

    /** This encoder's memo, for its counters. */
    public EmbeddingMemo memo() {
      return shared.memo;
    }

    @Override
    public void close() {
      synchronized (OPEN) {
        if (closed) {
          return;
        }
        closed = true;
        if (--shared.leases == 0) {
          OPEN.remove(key, shared);
          shared.encoder.close();
        }
      }
    }
  }
}
