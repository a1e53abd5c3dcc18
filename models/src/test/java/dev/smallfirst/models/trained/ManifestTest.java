package dev.smallfirst.models.trained;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A manifest written twice from the same values is the same text, whatever the maps' order. */
class ManifestTest {

  @Test
  void shouldWriteTheHyperparametersAndFilesInKeyOrder() throws Exception {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("topK", 40);
    one.put("evidence", 20);
    one.put("centralityWeight", 0.25);
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("centralityWeight", 0.25);
    other.put("topK", 40);
    other.put("evidence", 20);
    ObjectMapper json = new ObjectMapper();

    String a = json.writeValueAsString(manifest(one, Map.of("b.jsonl", "2", "a.jsonl", "1")));
    String b = json.writeValueAsString(manifest(other, Map.of("a.jsonl", "1", "b.jsonl", "2")));

    assertThat(a).isEqualTo(b);
    assertThat(manifest(one, Map.of()).hyperparameters().keySet())
        .containsExactly("centralityWeight", "evidence", "topK");
  }

  private static Manifest manifest(Map<String, Object> hyper, Map<String, String> files) {
    return new Manifest(
        "m",
        "1.0.0",
        "draft",
        "reply-bank",
        "arch",
        hyper,
        List.of(),
        null,
        128,
        1.0,
        0.5,
        "w",
        "00",
        null,
        "huggingface",
        files,
        Map.of(),
        Map.of());
  }
}
