package dev.smallfirst.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
  private static final Path IMAGE_START = Path.of("../images/test/kafka/start");

  @Test
  void shouldShutDownWithoutAControlledShutdownThatLosesTheMarkersOfACommitInFlight() {
    Properties props = KafkaBroker.brokerProperties(Path.of("/tmp/x"), 9092, 9093);

    assertThat(props.getProperty("controlled.shutdown.enable"))
        .as("a controlled shutdown of the only broker skips the markers of a commit in flight")
        .isEqualTo("false");
  }

  @Test
  void shouldConfigureTheContainerBrokerAsTheInProcessOne() throws IOException {
    Properties script = heredocOf(Files.readString(IMAGE_START));
    Properties inProcess = KafkaBroker.brokerProperties(Path.of("/data"), 9092, 9093);

    assertThat(fixed(script))
        .as("%s against KafkaBroker.brokerProperties (ports, host and folder aside)", IMAGE_START)
        .isEqualTo(fixed(inProcess));
  }

  /** The properties the start script writes between {@code <<PROPS} and {@code PROPS}. */
  private static Properties heredocOf(String script) throws IOException {
    int start = script.indexOf("<<PROPS\n");
    int end = script.indexOf("\nPROPS\n", start);
    assertThat(start).as("the start script's <<PROPS block").isPositive();
    Properties p = new Properties();
    p.load(new StringReader(script.substring(start + "<<PROPS\n".length(), end)));
    return p;
  }

  /** Every entry whose value is neither templated ($host, $port...) nor derived from the folder. */
  private static Map<String, String> fixed(Properties p) {
    Map<String, String> out = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key);
      if (!value.contains("$") && !value.contains("127.0.0.1") && !value.startsWith("/")) {
        out.put(key, value);
      }
    }
    return out;
  }
}
