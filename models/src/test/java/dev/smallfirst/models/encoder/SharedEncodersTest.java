package dev.smallfirst.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Models of one process that name the same encoder share one copy of it and one pass per text. */
class SharedEncodersTest {
  @Test
  void shouldShareOneEncoderAndItsMemoBetweenLeasesAndCloseItWithTheLast() {
    try (SharedEncoders.Lease a = SharedEncoders.acquire(EncoderSpec.MINILM_INT8, 24)) {
      SentenceEncoder encoder;
      try (SharedEncoders.Lease b = SharedEncoders.acquire(EncoderSpec.MINILM_INT8, 24)) {
        encoder = a.encoder();
        assertThat(b.encoder()).isSameAs(encoder);
        long before = a.memo().encoded();

        float[] fromA = a.pooled(List.of("where is my parcel?")).get(0).vector();
        float[] fromB = b.pooled(List.of("where is my parcel?")).get(0).vector();

        assertThat(fromB).isSameAs(fromA);
        assertThat(a.memo().encoded() - before).isEqualTo(1);
        assertThat(fromA)
            .containsExactly(
                encoder.encode(List.of("where is my parcel?"), false).pooled()[0],
                org.assertj.core.data.Offset.offset(1e-6f));
      }
      // b closed, a still holds the encoder
      assertThat(a.pooled(List.of("refund please")).get(0).vector()).hasSize(384);
      assertThat(SharedEncoders.memos()).containsEntry("minilm-int8/24", a.memo());
    }
    try (SharedEncoders.Lease c = SharedEncoders.acquire(EncoderSpec.MINILM_INT8, 24)) {
      assertThat(c.memo().encoded()).isZero(); // a fresh encoder and memo after the last close
    }
  }

  @Test
  void shouldKeepEncodersOfDifferentLengthsApart() {
    try (SharedEncoders.Lease a = SharedEncoders.acquire(EncoderSpec.MINILM_INT8, 16);
        SharedEncoders.Lease b = SharedEncoders.acquire(EncoderSpec.MINILM_INT8, 32)) {
      assertThat(b.encoder()).isNotSameAs(a.encoder());
      assertThat(b.encoder().maxTokens()).isEqualTo(32);
    }
  }
}
