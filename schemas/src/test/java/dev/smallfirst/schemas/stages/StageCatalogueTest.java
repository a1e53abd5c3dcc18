package dev.smallfirst.schemas.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.Stage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StageCatalogueTest {

  @Test
  void shouldCatalogueEveryKnownStageInPipelineOrder() {
    assertThat(StageCatalogue.stages())
        .containsExactlyElementsOf(
            Arrays.stream(Stage.values()).filter(s -> s != Stage.UNKNOWN).toList());
  }

  @Test
  void shouldFanOutTheAnalysesAndServeEverySmallStageByAWorker() {
    assertThat(StageCatalogue.fanOutStages())
        .containsExactly(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT);
    assertThat(StageCatalogue.smallModelStages())
        .containsExactly(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT, Stage.DRAFT);
  }

  @Test
  void shouldRefuseToChangeTheWorkerStages() {
    assertThatThrownBy(() -> StageCatalogue.smallModelStages().add(Stage.POLISH))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldParseLowerCaseIdsBothWays() {
    for (Stage stage : StageCatalogue.stages()) {
      assertThat(StageCatalogue.parse(StageCatalogue.id(stage))).isEqualTo(stage);
    }
    assertThat(StageCatalogue.id(Stage.CLASSIFY)).isEqualTo("classify");
    assertThat(StageCatalogue.find("Draft")).contains(Stage.DRAFT);
  }

  @Test
  void shouldNameTheValidIdsOfAnUnknownOne() {
    assertThatThrownBy(() -> StageCatalogue.parse("summarize"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("summarize")
        .hasMessageContaining("classify");
    assertThatThrownBy(() -> StageCatalogue.of(Stage.UNKNOWN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
