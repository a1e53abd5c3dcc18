package dev.smallfirst.deploy;

import static dev.smallfirst.deploy.Kustomize.list;
import static dev.smallfirst.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.frontier.resilience.FrontierGuards;
import dev.smallfirst.frontier.resilience.ResilienceSettings;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.metrics.JvmMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerts and the dashboard use only metrics the deployables export, under the names they export
 * them, and every alert has its runbook entry in the README.
 */
class ObservabilityTest {
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:smallfirst|kafka|resilience4j|jvm|process)_[a-z0-9_]+)\\b");
  private static Deployment base;
  private static String libraryScrape;

  @BeforeAll
  static void setUp() {
    base = Deployment.of("base");
    // The library meters, bound as the deployables bind them, on clients that never connect.
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmMetrics jvm = JvmMetrics.bindTo(prometheus);
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                Map.of("bootstrap.servers", "127.0.0.1:1", "group.id", "g"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        KafkaClientMetrics kafka = new KafkaClientMetrics(consumer)) {
      kafka.bindTo(prometheus);
      FrontierGuards.of(ResilienceSettings.from(ConfigSource.of(Map.of()))).bindTo(prometheus);
      libraryScrape = prometheus.scrape();
    } finally {
      jvm.close();
    }
  }

  private static List<String> ruleExpressions() {
    List<String> exprs = new ArrayList<>();
    for (Object group : list(map(base.ofKind("PrometheusRule").get(0).get("spec")).get("groups"))) {
      list(map(group).get("rules")).forEach(r -> exprs.add(String.valueOf(map(r).get("expr"))));
    }
    return exprs;
  }

  private static List<String> dashboardExpressions() throws Exception {
    String json =
        (String)
            map(base.find("ConfigMap", "smallfirst-grafana-dashboard").orElseThrow().get("data"))
                .get("smallfirst-dashboard.json");
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : new ObjectMapper().readTree(json).get("panels")) {
      panel.get("targets").forEach(t -> exprs.add(t.get("expr").asText()));
    }
    return exprs;
  }

  private static Set<String> metrics(List<String> expressions) {
    Set<String> names = new LinkedHashSet<>();
    for (String e : expressions) {
      Matcher m = METRIC.matcher(e);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void shouldAlertAndChartOnlyOnMetricsTheDeployablesExport() throws Exception {
    // Given every metric the alerts and the dashboard panels query
    List<String> all = new ArrayList<>(ruleExpressions());
    all.addAll(dashboardExpressions());
    Set<String> names = metrics(all);
    SourceIndex sources = SourceIndex.mainSources();

    // Then each is registered by our code or exported by a binder the deployables bind
    assertThat(names).hasSizeGreaterThan(10);
    for (String name : names) {
      boolean ours = name.startsWith("smallfirst_") && sources.registersMeter(name);
      String base = name.replaceFirst("_(bucket|sum|count)$", "");
      boolean library = !name.startsWith("smallfirst_") && libraryScrape.contains("\n" + base);
      assertThat(ours || library).as("metric %s is exported by no deployable", name).isTrue();
    }
  }

  @Test
  void shouldAlertOnLagOnlyWhenEveryReplicaKedaMayAddIsBusy() {
    // The lag alert of each stage fires at maxReplicaCount x lagThreshold: KEDA has run out.
    for (Map<String, Object> scaled : base.ofKind("ScaledObject")) {
      Map<String, Object> spec = map(scaled.get("spec"));
      Map<String, Object> meta = map(map(list(spec.get("triggers")).get(0)).get("metadata"));
      String stage = ((String) meta.get("consumerGroup")).replaceFirst(".*workers\\.", "");
      long expected =
          ((Number) spec.get("maxReplicaCount")).longValue()
              * Long.parseLong((String) meta.get("lagThreshold"));
      assertThat(ruleExpressions())
          .as("lag alert of %s", stage)
          .contains(
              "sum(kafka_consumer_fetch_manager_records_lag_max{stage=\""
                  + stage
                  + "\"}) > "
                  + expected);
    }
  }

  @Test
  void shouldDocumentWhatToDoForEveryAlert() {
    String readme = Kustomize.read(Deployment.ROOT.resolve("README.md"));
    String operations = readme.substring(readme.indexOf("\n## Operations\n"));
    for (Object group : list(map(base.ofKind("PrometheusRule").get(0).get("spec")).get("groups"))) {
      for (Object rule : list(map(group).get("rules"))) {
        assertThat(operations).contains("`" + map(rule).get("alert") + "`");
      }
    }
  }
}
