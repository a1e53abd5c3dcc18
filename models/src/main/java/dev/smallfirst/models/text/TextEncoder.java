package dev.smallfirst.models.text;

import java.util.List;
import java.util.OptionalLong;

/** Text to token ids and back, special tokens included as the model expects them. Thread-safe. */
public interface TextEncoder extends AutoCloseable {

  /** Encodes each text, in order. */
  List<Encoded> encode(List<String> texts);

  /** Decodes generated ids to text, leaving out special tokens. */
  String decode(long[] ids);

  /** The id of {@code token} in the vocabulary, if it has one. */
  OptionalLong tokenId(String token);

  /** The padding token id. */
  long padId();

  @Override
  void close();
}
