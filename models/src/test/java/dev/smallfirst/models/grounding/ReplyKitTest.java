package dev.smallfirst.models.grounding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyKitTest {

  @Test
  void shouldMergeATenantsFactsOverTheDefaults(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("kit.json");
    Files.writeString(
        f,
        """
        {"default": {"Website Name": "shop.example", "Live Chat": "Live Chat"},
         "tenants": {"acme": {"Website Name": "acme.example"}}}
        """);
    ReplyKit kit = ReplyKit.read(f);
    assertThat(kit.forTenant("acme"))
        .containsEntry("Website Name", "acme.example")
        .containsEntry("Live Chat", "Live Chat");
    assertThat(kit.forTenant("other")).containsEntry("Website Name", "shop.example");
  }

  @Test
  void shouldRefuseAnEntitySlotNamingTheKey(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("kit.json");
    Files.writeString(f, "{\"default\": {\"ORDER_ID\": \"ORD-1\"}}");
    assertThatThrownBy(() -> ReplyKit.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("default.ORDER_ID")
        .hasMessageContaining("entity slot");
  }

  @Test
  void shouldRefuseAnEmptyValueOrAnUnknownSection(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("kit.json");
    Files.writeString(f, "{\"tenants\": {\"acme\": {\"Website Name\": \" \"}}}");
    assertThatThrownBy(() -> ReplyKit.read(f)).hasMessageContaining("tenants.acme.Website Name");
    Files.writeString(f, "{\"defaults\": {}}");
    assertThatThrownBy(() -> ReplyKit.read(f)).hasMessageContaining("'defaults'");
  }
}
