package dev.smallfirst.models;

import dev.smallfirst.models.grounding.ReplyKit;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * How the worker wants a model served, whatever its format. Immutable.
 *
 * @param device where to run it
 * @param overlong what to do with an input of more than the manifest's {@code maxLength} tokens
 * @param lengthBuckets ascending padded lengths; a batch is split by bucket and each part padded to
 *     its bucket, so that short inputs do not pay for long ones (capped at {@code maxLength})
 * @param topK how many labels a classification lists; empty for the manifest's or 3
 * @param maxNewTokens most tokens a draft may generate; empty for the manifest's or 64
 * @param replyKit the tenants' company facts a draft's company slots are filled from ({@code
 *     reply-bank} drafts); {@link ReplyKit#EMPTY} when none is configured
 */
public record LoadOptions(
    DevicePreference device,
    OverlongPolicy overlong,
    List<Integer> lengthBuckets,
    OptionalInt topK,
    OptionalInt maxNewTokens,
    ReplyKit replyKit) {

  /** Where the model runs. */
  public enum DevicePreference {
    /** The first GPU when the engine sees one, else the CPU. */
    AUTO,
    CPU,
    GPU;

    /** Parses {@code auto|cpu|gpu}, case-insensitively. */
    public static DevicePreference parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** What happens to an input longer than the model takes. */
  public enum OverlongPolicy {
    /** Answer it with a non-retriable {@code INPUT_TOO_LONG} failure. */
    REJECT,
    /** Cut it to {@code maxLength} tokens and answer. */
    TRUNCATE;

    /** Parses {@code reject|truncate}, case-insensitively. */
    public static OverlongPolicy parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** Options without a reply kit. */
  public LoadOptions(
      DevicePreference device,
      OverlongPolicy overlong,
      List<Integer> lengthBuckets,
      OptionalInt topK,
      OptionalInt maxNewTokens) {
    this(device, overlong, lengthBuckets, topK, maxNewTokens, ReplyKit.EMPTY);
  }

  /** These options with {@code kit}. */
  public LoadOptions withReplyKit(ReplyKit kit) {
    return new LoadOptions(device, overlong, lengthBuckets, topK, maxNewTokens, kit);
  }

  public LoadOptions {
    java.util.Objects.requireNonNull(replyKit, "replyKit");
    lengthBuckets = List.copyOf(lengthBuckets);
    if (lengthBuckets.isEmpty()) {
      throw new IllegalArgumentException("lengthBuckets must not be empty");
    }
    for (int i = 0; i < lengthBuckets.size(); i++) {
      if (lengthBuckets.get(i) < 1 || (i > 0 && lengthBuckets.get(i) <= lengthBuckets.get(i - 1))) {
        throw new IllegalArgumentException(
            "lengthBuckets must be positive and ascending, got " + lengthBuckets);
      }
    }
  }

  /**
   * Auto device, reject over-long inputs, buckets 16..512, top-k and draft length from the
   * manifest.
   */
  public static LoadOptions defaults() {
    return new LoadOptions(
        DevicePreference.AUTO,
        OverlongPolicy.REJECT,
        List.of(16, 32, 64, 128, 256, 512),
        OptionalInt.empty(),
        OptionalInt.empty());
  }
}
