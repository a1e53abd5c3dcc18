package dev.smallfirst.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Golden test of {@code topology.describe()}: any change to nodes, names, stores or topics shows up
 * as a diff here. After an intended change, run with {@code -Dgolden.update=true} and commit the
 * new file.
 */
class TopologyDescriptionTest {
  private static final Path GOLDEN = Path.of("src/test/resources/topology-description.txt");

  @Test
  void shouldMatchTheGoldenDescription() throws IOException {
    String actual;
    try (TopologyHarness h = new TopologyHarness()) {
      actual = h.topology.describe().toString();
    }
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(GOLDEN).as("golden file; create it with -Dgolden.update=true").exists();
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }
}
