package dev.smallfirst.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator loads through the worker's seam, so it evaluates a TorchScript model too. */
class EvalAnyFormatTest {
  @TempDir Path tmp;

  @Test
  void shouldEvaluateATorchScriptModel() throws Exception {
    Path model =
        Path.of(getClass().getResource("/torchscript/classify/manifest.json").toURI()).getParent();
    Path data =
        Files.writeString(
            tmp.resolve("test.jsonl"),
            """
            {"text": "I was charged twice this month", "label": "billing"}
            {"text": "please cancel my subscription", "label": "cancel"}
            {"text": "I cannot log in to my account", "label": "account"}
            """);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    int status =
        EvalMain.run(
            new String[] {
              "--stage", "classify",
              "--model", model.toString(),
              "--data", data.toString(),
              "--predictions", tmp.resolve("pred.jsonl").toString()
            },
            out,
            out);

    assertThat(status).as(buf.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("accuracy", "macro-F1");
    assertThat(Files.readAllLines(tmp.resolve("pred.jsonl"))).hasSize(3);
  }
}
