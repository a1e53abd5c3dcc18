package dev.smallfirst.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoJsonEncoderTest {

  @Test
  void shouldWriteOneJsonObjectWithTheIsoTimeFirst() throws Exception {
    // Given an encoder set up as deploy/logback-json.xml sets it up
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    IsoJsonEncoder encoder = new IsoJsonEncoder();
    encoder.setContext(context);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.start();
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            context.getLogger("dev.smallfirst.x"),
            Level.WARN,
            "lag {}",
            null,
            new Object[] {7});
    event.setTimeStamp(Instant.parse("2026-12-01T14:05:00.123Z").toEpochMilli());

    // When it is encoded
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    // Then it is one JSON line whose first field is the ISO-8601 UTC time
    assertThat(line).startsWith("{\"time\":\"2026-12-01T14:05:00.123Z\",").endsWith("\n");
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("loggerName").asText()).isEqualTo("dev.smallfirst.x");
    assertThat(json.get("formattedMessage").asText()).isEqualTo("lag 7");
  }
}
