package dev.smallfirst.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {

  @Test
  void shouldReadTheFieldsEveryFormatShares() {
    ModelManifest m = ModelManifest.read(Fixtures.torchscript("classify"));

    assertThat(m.name()).isEqualTo("fixture-classify");
    assertThat(m.stage()).isEqualTo(Stage.CLASSIFY);
    assertThat(m.format()).isEqualTo("torchscript");
    assertThat(m.labels()).hasSize(6);
    assertThat(m.maxLength()).isEqualTo(128);
    assertThat(m.temperature()).isEqualTo(3.0);
    assertThat(m.weights()).contains("model.pt");
    assertThat(m.extraInt("topK")).hasValue(3);
  }

  @Test
  void shouldNameTheFieldThatIsMissing(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"name\":\"x\",\"version\":\"1\",\"stage\":\"CLASSIFY\",\"format\":\"torchscript\","
            + "\"maxLength\":64}");

    assertThatThrownBy(() -> ModelManifest.read(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("field 'sha256' is required");
  }

  @Test
  void shouldRefuseANonPositiveTemperature(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"name\":\"x\",\"version\":\"1\",\"stage\":\"classify\",\"format\":\"torchscript\","
            + "\"maxLength\":64,\"temperature\":0,\"sha256\":\""
            + "a".repeat(64)
            + "\"}");

    assertThatThrownBy(() -> ModelManifest.read(dir))
        .hasMessageContaining("field 'temperature' must be a positive number");
  }

  @Test
  void shouldRefuseFilesOutsideTheModelDirectory() {
    ModelManifest m = ModelManifest.read(Fixtures.torchscript("classify"));

    assertThatThrownBy(() -> m.resolve("tokenizer", "../../etc/passwd"))
        .hasMessageContaining("points outside the directory");
  }
}
