package dev.smallfirst.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMainTest {
  @TempDir Path tmp;

  @Test
  void shouldExitZeroOnHelp() {
    assertThat(GenerateMain.run("--help")).isZero();
  }

  @Test
  void shouldExitTwoOnBadArguments() {
    assertThat(GenerateMain.run("--count", "10")).as("--out missing").isEqualTo(2);
    assertThat(GenerateMain.run("--count", "many", "--out", tmp.toString())).isEqualTo(2);
    assertThat(GenerateMain.run("--count", "-1", "--out", tmp.toString())).isEqualTo(2);
    assertThat(GenerateMain.run("--colour", "red", "--out", tmp.toString())).isEqualTo(2);
  }

  @Test
  void shouldWriteThePerStageFiles() {
    assertThat(GenerateMain.run("--count", "20", "--out", tmp.toString())).isZero();
    assertThat(tmp.resolve("classify.jsonl")).exists();
    assertThat(tmp.resolve("label-groups.json")).content().contains("\"get_refund\" : \"refund\"");
  }
}
