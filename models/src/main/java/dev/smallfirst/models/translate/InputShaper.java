package dev.smallfirst.models.translate;

import dev.smallfirst.models.LoadOptions.OverlongPolicy;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.text.Encoded;
import dev.smallfirst.models.text.TextEncoder;
import dev.smallfirst.records.FailureCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders and tokenizes a batch, answers over-long inputs (reject) or cuts them (truncate), and
 * groups the rest by length bucket. Immutable and thread-safe.
 *
 * @param encoder the model's tokenizer
 * @param render the text the model sees for an input (the draft prompt for DRAFT)
 * @param maxTokens most tokens an input may have
 * @param overlong what happens to longer inputs
 * @param buckets padded lengths
 */
record InputShaper(
    TextEncoder encoder,
    Function<StageInput, String> render,
    int maxTokens,
    OverlongPolicy overlong,
    LengthBuckets buckets) {

  /** A batch shaped for the model: rejected inputs answered, the rest grouped by bucket. */
  record Shaped(StageOutcome[] answered, Map<Integer, Group> groups) {}

  /** Inputs padded to one bucket length, with their positions in the original batch. */
  record Group(List<Integer> positions, List<Encoded> encodings) {}

  Shaped shape(List<StageInput> batch) {
    List<String> texts = new ArrayList<>(batch.size());
    batch.forEach(i -> texts.add(render.apply(i)));
    List<Encoded> encoded = encoder.encode(texts);
    StageOutcome[] answered = new StageOutcome[batch.size()];
    Map<Integer, Group> groups = new TreeMap<>();
    for (int i = 0; i < encoded.size(); i++) {
      Encoded e = encoded.get(i);
      if (e.length() > maxTokens) {
        if (overlong == OverlongPolicy.REJECT) {
          answered[i] =
              new StageOutcome.Failed(
                  FailureCode.INPUT_TOO_LONG,
                  "input has " + e.length() + " tokens; the model takes at most " + maxTokens,
                  false);
          continue;
        }
        e = e.truncate(maxTokens);
      }
      Group g =
          groups.computeIfAbsent(
              buckets.bucketFor(e.length()), b -> new Group(new ArrayList<>(), new ArrayList<>()));
      g.positions().add(i);
      g.encodings().add(e);
    }
    return new Shaped(answered, groups);
  }
}
