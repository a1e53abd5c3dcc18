package dev.smallfirst.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One process, several stages: each stage's settings derived from the shared ones. */
class WorkerProcessTest {
  private static Map<String, String> config(String stages) {
    Map<String, String> m = new HashMap<>();
    m.put("stage", stages);
    m.put("model.dir", "/models");
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7");
    m.put("worker.id", "pod-0");
    m.put("http.port", "9100");
    return m;
  }

  @Test
  void shouldGiveEachStageItsModelDirectoryGroupAndWorkerId() {
    WorkerProcess.Settings s =
        WorkerProcess.settings(ConfigSource.of(config("classify, sentiment")));

    assertThat(s.stages())
        .extracting(WorkerSettings::stage)
        .containsExactly(Stage.CLASSIFY, Stage.SENTIMENT);
    assertThat(s.stages())
        .extracting(WorkerSettings::modelDir)
        .containsExactly(Path.of("/models/classify"), Path.of("/models/sentiment"));
    assertThat(s.stages())
        .extracting(WorkerSettings::groupId)
        .containsExactly("workers.classify", "workers.sentiment");
    assertThat(s.stages())
        .extracting(WorkerSettings::workerId)
        .containsExactly("pod-0-classify", "pod-0-sentiment");
    assertThat(s.stages()).allSatisfy(w -> assertThat(w.httpPort()).isEqualTo(-1));
    assertThat(s.httpPort()).isEqualTo(9100);
  }

  @Test
  void shouldRefuseAStageNamedTwiceOrAnUnknownOne() {
    assertThatThrownBy(() -> WorkerProcess.settings(ConfigSource.of(config("classify,classify"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stage");
    assertThatThrownBy(() -> WorkerProcess.settings(ConfigSource.of(config("classify,polish"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stage");
  }

  @Test
  void shouldRefuseAMistypedKeyNamingTheNearestOne() {
    Map<String, String> m = config("classify,sentiment");
    m.put("batch.max.sise", "8");

    assertThatThrownBy(() -> WorkerProcess.settings(ConfigSource.of(m)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("batch.max.sise")
        .hasMessageContaining("batch.max.size");
  }
}
