package dev.smallfirst.runtime.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Logback's {@link JsonEncoder} (one JSON object a line) with the event's time first, as an
 * ISO-8601 instant in UTC ({@code "time":"2026-12-01T14:05:00.123Z"}), which log shippers and
 * people read without converting epoch milliseconds. Configure it like {@code JsonEncoder} ({@code
 * deploy/logback-json.xml}). Thread-safe as its superclass.
 */
public class IsoJsonEncoder extends JsonEncoder {

  @Override
  public byte[] encode(ILoggingEvent event) {
    byte[] json = super.encode(event);
    if (json.length == 0 || json[0] != '{') {
      return json;
    }
    byte[] time =
        ("{\"time\":\""
                + Instant.ofEpochMilli(event.getTimeStamp())
                + "\""
                + (json[1] == '}' ? "" : ","))
            .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[time.length + json.length - 1];
    System.arraycopy(time, 0, out, 0, time.length);
    System.arraycopy(json, 1, out, time.length, json.length - 1);
    return out;
  }
}
