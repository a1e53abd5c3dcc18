package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.training.data.BadLine;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.DataSet;
import dev.smallfirst.training.data.JsonlReader;
import dev.smallfirst.training.data.LabeledText;
import dev.smallfirst.training.data.SpanExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {

  @TempDir Path tmp;

  private Path file(String name, String... lines) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, java.util.List.of(lines));
    return p;
  }

  @Test
  void shouldReportEveryBadClassificationLineWithItsNumberAndReason() throws Exception {
    Path f =
        file(
            "c.jsonl",
            "{\"text\": \"fine\", \"label\": \"a\"}",
            "not json",
            "{\"text\": \"no label\"}",
            "",
            "{\"text\": 5, \"label\": \"a\"}",
            "[1, 2]",
            "{\"text\": \"  \", \"label\": \"a\"}");
    DataSet<LabeledText> set = JsonlReader.read(f, LabeledText::parse);
    assertThat(set.examples()).hasSize(1);
    assertThat(set.badLines()).extracting(BadLine::lineNumber).containsExactly(2, 3, 5, 6, 7);
    assertThat(set.badLines().get(1).reason()).contains("missing field \"label\"");
    assertThat(set.badLines().get(2).reason()).contains("not a string");
    assertThat(set.badLines().get(4).reason()).contains("blank");
  }

  @Test
  void shouldRejectSpansOutsideTheTextOrUnlabeledButKeepOverlaps() throws Exception {
    Path f =
        file(
            "s.jsonl",
            "{\"text\": \"table for 4\", \"spans\": [{\"start\": 10, \"end\": 11, \"label\": \"people\"}]}",
            "{\"text\": \"table for 4\", \"spans\": [{\"start\": 10, \"end\": 40, \"label\": \"people\"}]}",
            "{\"text\": \"table for 4\", \"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"a\"}, {\"start\": 3, \"end\": 7, \"label\": \"b\"}]}",
            "{\"text\": \"table for 4\", \"spans\": [{\"start\": 0, \"end\": 5}]}",
            "{\"text\": \"table for 4\"}");
    DataSet<SpanExample> set = JsonlReader.read(f, SpanExample::parse);
    assertThat(set.examples()).hasSize(2);
    assertThat(set.examples().get(1).spans()).hasSize(2);
    assertThat(set.badLines())
        .extracting(BadLine::reason)
        .satisfiesExactly(
            r -> assertThat(r).contains("outside the text"),
            r -> assertThat(r).contains("missing label"),
            r -> assertThat(r).contains("missing field \"spans\""));
  }

  @Test
  void shouldRefuseABadLineInStrictModeAndSkipItOtherwise() throws Exception {
    Path f =
        file(
            "c.jsonl",
            "{\"text\": \"a\", \"label\": \"x\"}",
            "{oops",
            "{\"text\": \"b\", \"label\": \"y\"}");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    assertThat(DataChecks.read(f, LabeledText::parse, false, out)).hasSize(2);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("c.jsonl:2: invalid JSON")
        .contains("skipped 1 bad line(s) of 3");
    assertThatThrownBy(() -> DataChecks.read(f, LabeledText::parse, true, out))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("first at line 2")
        .hasMessageContaining("--strict");
  }

  @Test
  void shouldRefuseAFileWithoutOneUsableLine() throws Exception {
    Path f = file("c.jsonl", "{\"text\": \"a\"}", "garbage");
    Generated.Run run =
        Generated.train(
            "--stage", "classify", "--data", f.toString(), "--out", tmp.resolve("m").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.output()).contains("no usable examples (all lines bad)");
    assertThat(tmp.resolve("m")).doesNotExist();
  }

  @Test
  void shouldRefuseDataWithASingleLabel() throws Exception {
    Path f =
        file(
            "c.jsonl",
            "{\"text\": \"a\", \"label\": \"x\"}",
            "{\"text\": \"b\", \"label\": \"x\"}");
    Generated.Run run =
        Generated.train(
            "--stage", "sentiment", "--data", f.toString(), "--out", tmp.resolve("m").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.output()).contains("need at least 2 labels");
  }

  @Test
  void shouldExplainBadCommandLines() {
    assertThat(Generated.train("--data", "x.jsonl", "--out", "m").output())
        .contains("--stage is required");
    assertThat(Generated.train("--stage", "translate", "--data", "x", "--out", "m").output())
        .contains("unknown stage 'translate'");
    assertThat(
            Generated.train("--stage", "classify", "--data", "x", "--out", "m", "--epochs", "many")
                .status())
        .isEqualTo(2);
    assertThat(
            Generated.train(
                    "--stage",
                    "classify",
                    "--data",
                    tmp.resolve("none.jsonl").toString(),
                    "--out",
                    "m")
                .output())
        .contains("no such file");
    assertThat(Generated.eval("--stage", "classify").output()).contains("are required");
  }

  @Test
  void shouldRefuseToEvaluateAMissingModel() {
    Generated.Run run =
        Generated.eval(
            "--stage",
            "classify",
            "--model",
            tmp.resolve("nothing").toString(),
            "--data",
            "x",
            "--predictions",
            "p");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.output()).contains("manifest.json is missing");
  }
}
