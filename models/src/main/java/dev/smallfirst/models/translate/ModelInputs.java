package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.smallfirst.models.text.EncodedBatch;
import java.util.List;

/**
 * Which tensors a model's {@code forward} takes, in order, as the manifest's {@code inputs} lists
 * them: {@code [input_ids]}, {@code [input_ids, attention_mask]} (the default) or {@code
 * [input_ids, attention_mask, token_type_ids]}; all {@code int64 [batch, length]}.
 */
public enum ModelInputs {
  IDS(List.of("input_ids")),
  IDS_MASK(List.of("input_ids", "attention_mask")),
  IDS_MASK_TYPES(List.of("input_ids", "attention_mask", "token_type_ids"));

  private final List<String> names;

  ModelInputs(List<String> names) {
    this.names = names;
  }

  /** The signature with exactly these input names, in this order. */
  public static ModelInputs of(List<String> names) {
    for (ModelInputs m : values()) {
      if (m.names.equals(names)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unsupported inputs "
            + names
            + "; supported: "
            + List.of(IDS.names, IDS_MASK.names, IDS_MASK_TYPES.names));
  }

  /** The tensors for {@code batch}. */
  public NDList tensors(NDManager manager, EncodedBatch batch) {
    return tensors(
        manager, batch.paddedIds(), batch.attentionMask(), batch.size(), batch.paddedLength());
  }

  /** The tensors for row-major {@code ids} and {@code mask} of shape {@code [rows, length]}. */
  public NDList tensors(NDManager manager, long[] ids, long[] mask, int rows, int length) {
    Shape shape = new Shape(rows, length);
    NDList list = new NDList(manager.create(ids, shape));
    if (this != IDS) {
      list.add(manager.create(mask, shape));
    }
    if (this == IDS_MASK_TYPES) {
      list.add(manager.zeros(shape, ai.djl.ndarray.types.DataType.INT64));
    }
    return list;
  }
}
