package dev.smallfirst.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.ModelLoadException.Reason;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One exception for every format: a reason, and the directory in the message when there is one. */
class ModelLoadExceptionTest {

  @Test
  void shouldClassifyAWeightsMismatchAsHashMismatch() {
    ModelIntegrityException e = new ModelIntegrityException(Path.of("m/model.pt"), "aa", "bb");
    assertThat(e).isInstanceOf(ModelLoadException.class);
    assertThat(e.reason()).isEqualTo(Reason.HASH_MISMATCH);
    assertThat(e.getMessage()).contains("m/model.pt", "aa", "bb");
  }

  @Test
  void shouldNameTheDirectoryWhenGivenOne() {
    ModelLoadException e =
        new ModelLoadException(
            Reason.MISSING_FILE, Path.of("models/x"), "manifest.json is missing");
    assertThat(e.getMessage()).isEqualTo("model models/x: manifest.json is missing");
    assertThat(e.directory()).contains(Path.of("models/x"));
    assertThat(new ModelLoadException("no loader").reason()).isEqualTo(Reason.OTHER);
  }
}
