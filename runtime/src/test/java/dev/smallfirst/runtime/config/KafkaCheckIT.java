package dev.smallfirst.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.OutageBroker;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The start check's layout warnings, read from real KRaft clusters of both layouts. */
@ExtendWith(LocalStackExtension.class)
class KafkaCheckIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void shouldWarnWhenTheOnlyControllerIsAlsoTheBroker(LocalStack stack) {
    // Given the dev stack's combined node (broker and controller in one, controlled shutdown off)
    // When a service checks it at start
    var advice =
        KafkaCheck.requireReachable(Map.of("bootstrap.servers", stack.bootstrapServers()), TIMEOUT);

    // Then it warns of the combined node, and only of that
    assertThat(advice)
        .singleElement()
        .asString()
        .contains("only KRaft controller")
        .contains("is also a broker")
        .contains("step 4");
  }

  @Test
  void shouldNotWarnWhenTheControllerRunsApart(@TempDir Path data) throws Exception {
    // Given a broker whose controller is a node of its own
    try (OutageBroker broker = OutageBroker.start(data)) {
      // Then the check passes without a warning
      assertThat(
              KafkaCheck.requireReachable(
                  Map.of("bootstrap.servers", broker.bootstrapServers()), TIMEOUT))
          .isEmpty();
    }
  }
}
