package dev.smallfirst.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.runtime.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandsTest {

  @Command(name = "smallfirst probe", mixinStandardHelpOptions = true)
  static final class Probe implements Callable<Integer> {
    @Option(names = "--count", description = "how many")
    int count;

    @Option(names = "--fail", description = "what to throw")
    String fail = "";

    @Override
    public Integer call() {
      return switch (fail) {
        case "config" -> throw new ConfigException("http.port", "not a whole number: 'x'");
        case "bug" -> throw new IllegalStateException("broken");
        default -> 0;
      };
    }
  }

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Commands.commandLine(new Probe());
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    return cl.execute(args);
  }

  @Test
  void shouldExitZeroOnSuccessAndHelp() {
    assertThat(run()).isZero();
    assertThat(run("--help")).isZero();
  }

  @Test
  void shouldExitTwoNamingTheOptionWhenAValueIsBad() {
    assertThat(run("--count", "many")).isEqualTo(2);
    assertThat(err.toString()).contains("--count");
  }

  @Test
  void shouldExitTwoOnAnUnknownOption() {
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(err.toString()).contains("--bogus");
  }

  @Test
  void shouldExitTwoNamingTheKeyWhenASettingIsBad() {
    assertThat(run("--fail", "config")).isEqualTo(2);
    assertThat(err.toString()).contains("smallfirst probe: bad setting http.port");
  }

  @Test
  void shouldExitOneWhenTheCommandFails() {
    assertThat(run("--fail", "bug")).isEqualTo(1);
  }
}
