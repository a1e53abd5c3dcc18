package dev.smallfirst.training.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.eval.EvalMain;
import dev.smallfirst.eval.EvalOptions;
import dev.smallfirst.records.Stage;
import dev.smallfirst.training.TrainMain;
import dev.smallfirst.training.TrainOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The picocli commands: help exits 0, bad arguments exit 2 with a message naming the option. */
class CliTest {

  private record Run(int status, String output) {}

  private static Run train(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int status = TrainMain.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8), false);
    return new Run(status, buf.toString(StandardCharsets.UTF_8));
  }

  private static Run eval(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    return new Run(EvalMain.run(args, out, out), buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void shouldPrintHelpAndExitZero() {
    Run t = train("--help");
    assertThat(t.status()).isZero();
    assertThat(t.output()).contains("--stage", "--validation", "--set", "--label-groups");
    Run e = eval("-h");
    assertThat(e.status()).isZero();
    assertThat(e.output()).contains("--predictions", "--prices");
  }

  @Test
  void shouldExitTwoNamingTheOptionOnBadValues() {
    Run holdout = train("--stage", "classify", "--data", "x", "--out", "m", "--holdout", "0.7");
    assertThat(holdout.status()).isEqualTo(2);
    assertThat(holdout.output()).contains("--holdout must be in (0, 0.5)");
    Run set = train("--stage", "classify", "--data", "x", "--out", "m", "--set", "hidden");
    assertThat(set.status()).isEqualTo(2);
    assertThat(set.output()).contains("--set expects KEY=VALUE");
    Run unknown = eval("--stage", "classify", "--colour", "red");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.output()).contains("--colour");
  }

  @Test
  void shouldParseOptionsWithTheirDefaults() {
    TrainOptions o =
        TrainOptions.parse(
            "--stage",
            "Sentiment",
            "--data",
            "d.jsonl",
            "--out",
            "m",
            "--validation",
            "a,b",
            "--validation",
            "c",
            "--no-refit",
            "--set",
            "hidden=8");
    assertThat(o.stage()).isEqualTo(Stage.SENTIMENT);
    assertThat(o.validation()).containsExactly(Path.of("a"), Path.of("b"), Path.of("c"));
    assertThat(o.refit()).isFalse();
    assertThat(o.seed()).isEqualTo(42);
    assertThat(o.name()).isEqualTo("smallfirst-sentiment");
    assertThat(o.intOverride("hidden", 1)).isEqualTo(8);
    EvalOptions e =
        EvalOptions.parse("--stage", "draft", "--model", "m", "--data", "d", "--predictions", "p");
    assertThat(e.stage()).isEqualTo(Stage.DRAFT);
    assertThat(e.strict()).isFalse();
    assertThatThrownBy(() -> EvalOptions.parse("--stage", "draft"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("are required");
  }
}
