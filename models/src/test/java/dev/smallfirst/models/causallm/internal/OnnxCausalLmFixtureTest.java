package dev.smallfirst.models.causallm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.models.Fixtures;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.causallm.CausalDecoder;
import dev.smallfirst.models.causallm.CausalDecoder.Mode;
import dev.smallfirst.records.Stage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@link CausalLmFixtureTest} again on the fixture's weights exported to ONNX in Hugging Face
 * Optimum's {@code text-generation-with-past} layout (separate {@code
 * past_key_values.{i}.key/value} inputs, {@code position_ids}), run by DJL's OnnxRuntime engine;
 * and the two exports of one network must choose the same tokens with the same probabilities.
 */
class OnnxCausalLmFixtureTest extends CausalLmFixtureTest {

  @Override
  Path fixture() {
    return Fixtures.causalLmOnnx();
  }

  @Test
  void shouldRunOnOnnxRuntimeWithThePositionIdsInput() {
    assertThat(lm()).isInstanceOf(CausalLmStageModel.class);
    try (CausalDecoder.Sequence s = lm().newSequence()) {
      assertThat(s).isInstanceOf(OnnxSequence.class);
    }
  }

  @Test
  void shouldChooseTheSameTokensAsTheTorchScriptExportOfTheSameWeights() {
    try (StageModel torchScript =
        ModelLoaders.standard().load(Fixtures.causalLm(), Stage.DRAFT, LoadOptions.defaults())) {
      CausalLmStageModel ts = (CausalLmStageModel) torchScript;
      for (String message :
          List.of(
              "where is my order",
              "cancel my order",
              "i want a refund for order ord-99999",
              "thanks",
              "")) {
        StageInput in = input(message, "track_order");
        long[] prompt = lm().promptIds(in).orElseThrow();
        assertThat(prompt).isEqualTo(ts.promptIds(in).orElseThrow());

        CausalLmStageModel.Raw onnx = lm().generate(prompt, Mode.KV_CACHE);
        CausalLmStageModel.Raw pt = ts.generate(prompt, Mode.KV_CACHE);

        assertThat(onnx.generated().tokens()).as(message).isEqualTo(pt.generated().tokens());
        assertThat(onnx.generated().tokens()).as(message).isNotEmpty();
        assertThat(onnx.generated().meanLogProb())
            .isCloseTo(pt.generated().meanLogProb(), within(1e-4));
      }
    }
  }
}
