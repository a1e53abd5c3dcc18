package dev.smallfirst.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private static final Path MODELS = Path.of("models");

  @Test
  void shouldDefaultToAboutTwoMinutesWithTheBaseline() {
    DemoOptions o = DemoCommand.parse(new String[0], MODELS);

    assertThat(o.messages()).isEqualTo(2400);
    assertThat(o.rate())
        .isEqualTo(DemoOptions.defaultRate(Runtime.getRuntime().availableProcessors()));
    assertThat(o.baseline()).isTrue();
    assertThat(o.baselineMessages()).isEqualTo(800);
    assertThat(o.warmUp()).isEqualTo(200);
    assertThat(o.reportDir()).contains(Path.of("target", "demo-report"));
    assertThat(o.reportJson()).isEmpty();
    assertThat(o.models()).isEqualTo(MODELS);
    assertThat(o.settings()).isEmpty();
  }

  @Test
  void shouldOfferWhatTheMachinesCoresCanAnswer() {
    assertThat(DemoOptions.defaultRate(1)).isEqualTo(12.5);
    assertThat(DemoOptions.defaultRate(2)).isEqualTo(25);
    assertThat(DemoOptions.defaultRate(4)).isEqualTo(40);
    assertThat(DemoOptions.defaultRate(64)).isEqualTo(40);
  }

  @Test
  void shouldReadEveryOption() {
    DemoOptions o =
        DemoCommand.parse(
            new String[] {
              "--messages", "300", "--rate", "12.5", "--seed", "7", "--baseline", "none",
              "--warmup", "0", "--report-json", "r.json", "--report-dir", "out", "--models", "m",
              "--set", "batch.max.delay.ms=20"
            },
            MODELS);

    assertThat(o)
        .isEqualTo(
            new DemoOptions(
                300,
                12.5,
                7,
                false,
                300,
                0,
                Optional.of(Path.of("r.json")),
                Optional.of(Path.of("out")),
                Path.of("m"),
                Map.of("batch.max.delay.ms", "20"),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void shouldReadTheSaturationSearch() {
    DemoOptions o =
        parse(
            "--saturate",
            "--slo-p99-ms",
            "800",
            "--step-seconds",
            "5",
            "--step-warmup",
            "20",
            "--saturate-start",
            "4",
            "--saturate-max",
            "64");

    assertThat(o.saturate()).contains(new DemoOptions.Saturate(800, 5, 20, 4, 64));
    assertThat(parse().saturate()).isEmpty();
  }

  @Test
  void shouldNameTheOptionOfEveryBadArgument() {
    assertThatThrownBy(() -> parse("--messages", "many")).hasMessageStartingWith("--messages:");
    assertThatThrownBy(() -> parse("--messages", "0")).hasMessageStartingWith("--messages:");
    assertThatThrownBy(() -> parse("--rate", "-1")).hasMessageStartingWith("--rate:");
    assertThatThrownBy(() -> parse("--baseline", "smart")).hasMessageStartingWith("--baseline:");
    assertThatThrownBy(() -> parse("--messages", "100", "--baseline-messages", "200"))
        .hasMessageStartingWith("--baseline-messages:");
    assertThatThrownBy(() -> parse("--rate")).hasMessageStartingWith("--rate: needs a value");
    assertThatThrownBy(() -> parse("--set", "novalue")).hasMessageStartingWith("--set:");
    assertThatThrownBy(() -> parse("--saturate", "--slo-p99-ms", "0"))
        .hasMessageStartingWith("--slo-p99-ms:");
    assertThatThrownBy(() -> parse("--saturate", "--saturate-start", "50", "--saturate-max", "20"))
        .hasMessageStartingWith("--saturate-max:");
    assertThatThrownBy(() -> parse("--speed", "3"))
        .hasMessageStartingWith("unknown option '--speed'");
  }

  private static DemoOptions parse(String... args) {
    return DemoCommand.parse(args, MODELS);
  }
}
