package dev.smallfirst.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code draft.reply.kit}: read and checked at start, a bad file naming the key. */
class ReplyKitSettingTest {
  private static Map<String, String> base() {
    return Map.of(
        "stage", "draft",
        "model.dir", "models/draft",
        "bootstrap.servers", "127.0.0.1:9092",
        "schema.registry.url", "http://127.0.0.1:8081");
  }

  @Test
  void shouldLoadTheTenantsFacts(@TempDir Path dir) throws Exception {
    Path kit =
        Files.writeString(
            dir.resolve("kit.json"), "{\"default\": {\"Website Name\": \"shop.example\"}}");
    Map<String, String> m = new java.util.HashMap<>(base());
    m.put("draft.reply.kit", kit.toString());
    WorkerSettings s = WorkerSettings.from(ConfigSource.of(m));
    assertThat(s.load().replyKit().forTenant("any")).containsEntry("Website Name", "shop.example");
  }

  @Test
  void shouldFailAtStartNamingTheKeyWhenTheKitIsBad(@TempDir Path dir) throws Exception {
    Path kit = Files.writeString(dir.resolve("kit.json"), "{\"default\": {\"ORDER_ID\": \"1\"}}");
    Map<String, String> m = new java.util.HashMap<>(base());
    m.put("draft.reply.kit", kit.toString());
    assertThatThrownBy(() -> WorkerSettings.from(ConfigSource.of(m)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("draft.reply.kit")
        .hasMessageContaining("ORDER_ID");
    m.put("draft.reply.kit", dir.resolve("missing.json").toString());
    assertThatThrownBy(() -> WorkerSettings.from(ConfigSource.of(m)))
        .hasMessageContaining("draft.reply.kit");
  }
}
