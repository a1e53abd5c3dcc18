package dev.smallfirst.deploy;

import static dev.smallfirst.deploy.Deployment.containers;
import static dev.smallfirst.deploy.Deployment.podSpec;
import static dev.smallfirst.deploy.Deployment.templateLabels;
import static dev.smallfirst.deploy.Kustomize.list;
import static dev.smallfirst.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.models.grounding.Slots;
import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.kafka.TopicSetup;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.SupportTopology;
import dev.smallfirst.topology.TopologySettings;
import dev.smallfirst.worker.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests, rendered for the base and each overlay, checked against the code: the
 * topics, groups, ports and settings the deployables really use, replicas against partitions, and
 * requests, limits, probes and writable volumes on every container.
 */
class ManifestsTest {
  private static final String CONFIG_PARTITIONS = "SMALLFIRST_TOPIC_PARTITIONS";

  private static Deployment deployment(String name) {
    return Deployment.of(name);
  }

  private static TopicNames topics(Deployment d) {
    return TopicNames.withPrefix(d.config().getOrDefault("SMALLFIRST_TOPIC_PREFIX", ""));
  }

  private static Map<String, Map<String, Object>> kafkaTopics(Deployment d) {
    return d.ofKind("KafkaTopic").stream()
        .collect(
            Collectors.toMap(
                t -> (String) map(t.get("spec")).get("topicName"), t -> map(t.get("spec"))));
  }

  private static int partitions(Deployment d, String topic) {
    Map<String, Object> spec = kafkaTopics(d).get(topic);
    assertThat(spec).as("KafkaTopic for %s in %s", topic, d.name()).isNotNull();
    return ((Number) spec.get("partitions")).intValue();
  }

  private static Map<String, Object> workload(Deployment d, String name) {
    return d.find("StatefulSet", name)
        .orElseThrow(() -> new AssertionError(d.name() + ": no StatefulSet " + name));
  }

  private static final String REPLY_KIT = "SMALLFIRST_DRAFT_REPLY_KIT";
  private static final Path EXAMPLE_KIT =
      Deployment.ROOT.resolve("model-workers/models/draft/reply-kit.example.json");

  /**
   * The settings a workload's first pod starts with; a reply kit path in the pod is read from the
   * kit the overlay generates, else from the example kit the README starts an operator's from.
   */
  private static ConfigSource settings(Deployment d, Map<String, Object> workload) {
    Map<String, String> env =
        new HashMap<>(Deployment.inImage(d.environment(workload, containers(workload).get(0))));
    if (env.containsKey(REPLY_KIT)) {
      env.put(REPLY_KIT, generatedReplyKit(d).orElse(EXAMPLE_KIT).toString());
    }
    return ConfigSource.load(Optional.empty(), env);
  }

  /** The overlay's generated {@code smallfirst-reply-kit} ConfigMap's kit, as a file. */
  private static Optional<Path> generatedReplyKit(Deployment d) {
    return d.find("ConfigMap", "smallfirst-reply-kit")
        .map(
            cm -> {
              try {
                Path file = Files.createTempFile("reply-kit", ".json");
                file.toFile().deleteOnExit();
                return Files.writeString(file, (String) map(cm.get("data")).get("reply-kit.json"));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  private static int replicas(Map<String, Object> workload) {
    return ((Number) map(workload.get("spec")).get("replicas")).intValue();
  }

  private static List<Map<String, Object>> workers(Deployment d) {
    return d.ofKind("StatefulSet").stream()
        .filter(w -> "worker".equals(templateLabels(w).get("app.kubernetes.io/component")))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldDeclareEveryTopicTheCodeUsesAndNoOther(String overlay) {
    // Given the rendered manifests and the names the code derives from their prefix
    Deployment d = deployment(overlay);
    Set<String> expected = new HashSet<>(topics(d).all());
    FrontierSettings frontier = frontierSettings(d, null);
    expected.add(frontier.budget().ledgerTopic());

    // Then the KafkaTopics are exactly those
    assertThat(kafkaTopics(d).keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldReplicateTopicsAsTheSettingSays(String overlay) {
    Deployment d = deployment(overlay);
    int rf = Integer.parseInt(d.config().get("SMALLFIRST_TOPIC_REPLICATION_FACTOR"));
    int minIsr = overlay.endsWith("dev") ? 1 : 2;
    if (!overlay.endsWith("dev")) {
      assertThat(rf).as("production replication factor").isEqualTo(3);
    }
    kafkaTopics(d)
        .forEach(
            (topic, spec) -> {
              assertThat(((Number) spec.get("replicas")).intValue()).as(topic).isEqualTo(rf);
              assertThat(map(spec.get("config")).get("min.insync.replicas"))
                  .as(topic + " min ISR")
                  .isEqualTo(minIsr);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldCompactPolicyAndLedgerAndKeepDeadLettersAsTheCodeDoes(String overlay) {
    Deployment d = deployment(overlay);
    TopicNames t = topics(d);
    Map<String, Map<String, Object>> specs = kafkaTopics(d);
    String ledger = frontierSettings(d, null).budget().ledgerTopic();

    assertThat(map(specs.get(t.policy()).get("config")).get("cleanup.policy")).isEqualTo("compact");
    assertThat(partitions(d, t.policy())).isEqualTo(1);
    assertThat((String) map(specs.get(ledger).get("config")).get("cleanup.policy"))
        .contains("compact");
    assertThat(partitions(d, ledger)).isEqualTo(1);
    String dlqRetention =
        TopicSetup.deadLetters(t.deadLetters(), 1, (short) 1)
            .configs()
            .get(TopicConfig.RETENTION_MS_CONFIG);
    assertThat(map(specs.get(t.deadLetters()).get("config")).get("retention.ms"))
        .isEqualTo(dlqRetention);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldGiveCoPartitionedTopicsTheConfiguredPartitionCount(String overlay) {
    Deployment d = deployment(overlay);
    int configured = Integer.parseInt(d.config().get(CONFIG_PARTITIONS));
    for (String topic : SupportTopology.coPartitionedTopics(topics(d))) {
      assertThat(partitions(d, topic)).as(topic).isEqualTo(configured);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldRunTheTopologyWithItsSettingsPortAndPodAddress(String overlay) {
    // Given the topology's StatefulSet and its headless Service
    Deployment d = deployment(overlay);
    Map<String, Object> topology = workload(d, "smallfirst-topology");
    Map<String, String> env = d.environment(topology, containers(topology).get(0));

    // When its environment is parsed by the topology's own settings
    TopologySettings s = TopologySettings.from(settings(d, topology));

    // Then it binds every interface on its container port, advertises the pod's DNS name under
    // the governing headless Service, and keeps its state on the claimed volume
    assertThat(s.httpHost()).isEqualTo("0.0.0.0");
    assertThat(containerPorts(topology)).containsExactly(s.httpPort());
    String service = (String) map(topology.get("spec")).get("serviceName");
    assertThat(d.find("Service", service)).isPresent();
    assertThat(map(d.find("Service", service).get().get("spec")).get("clusterIP"))
        .isEqualTo("None");
    assertThat(env.get("SMALLFIRST_ADVERTISED_HOST"))
        .isEqualTo(
            "smallfirst-topology-0."
                + service
                + "."
                + d.namespace(topology)
                + ".svc.cluster.local");
    String claim =
        (String)
            map(map(list(map(topology.get("spec")).get("volumeClaimTemplates")).get(0))
                    .get("metadata"))
                .get("name");
    assertThat(s.stateDir().toString()).startsWith(mountPath(containers(topology).get(0), claim));
    assertThat(replicas(topology)).isLessThanOrEqualTo(partitions(d, topics(d).messages()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldRunOneWorkerPerStageWithStableIdsAndItsDefaultModel(String overlay) {
    Deployment d = deployment(overlay);
    Set<Stage> stages = new HashSet<>();
    for (Map<String, Object> worker : workers(d)) {
      WorkerSettings s = WorkerSettings.from(settings(d, worker));
      stages.add(s.stage());
      assertThat(s.workerId())
          .as("worker.id is the pod name")
          .isEqualTo(Kustomize.name(worker) + "-0");
      assertThat(s.httpHost()).isEqualTo("0.0.0.0");
      assertThat(containerPorts(worker)).containsExactly(s.httpPort());
      // The image holds model-workers/models/ at /app/models/.
      assertThat(s.modelDir().toString()).startsWith("/app/models/");
      Path model =
          Deployment.ROOT.resolve("model-workers/models").resolve(s.modelDir().getFileName());
      assertThat(model.resolve("manifest.json")).exists();
      assertThat(Kustomize.read(model.resolve("manifest.json")).toUpperCase())
          .contains("\"" + s.stage().name() + "\"");
    }
    assertThat(stages).containsExactlyInAnyOrderElementsOf(TopicNames.WORKER_STAGES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldScaleEachStageOnItsOwnGroupAndRequestTopicWithinItsPartitions(String overlay) {
    Deployment d = deployment(overlay);
    assertThat(d.ofKind("ScaledObject")).hasSameSizeAs(TopicNames.WORKER_STAGES);
    for (Map<String, Object> scaled : d.ofKind("ScaledObject")) {
      Map<String, Object> spec = map(scaled.get("spec"));
      Map<String, Object> ref = map(spec.get("scaleTargetRef"));
      assertThat(ref.get("kind")).isEqualTo("StatefulSet");
      Map<String, Object> worker = workload(d, (String) ref.get("name"));
      WorkerSettings s = WorkerSettings.from(settings(d, worker));
      List<Object> triggers = list(spec.get("triggers"));
      assertThat(triggers).hasSize(1);
      Map<String, Object> trigger = map(triggers.get(0));
      Map<String, Object> meta = map(trigger.get("metadata"));
      String requests = s.topics().stageRequests(s.stage());

      assertThat(trigger.get("type")).isEqualTo("kafka");
      assertThat(meta.get("consumerGroup")).as("group of %s", s.stage()).isEqualTo(s.groupId());
      assertThat(meta.get("topic")).isEqualTo(requests);
      assertThat(meta.get("bootstrapServers")).isEqualTo(s.bootstrapServers());
      int max = ((Number) spec.get("maxReplicaCount")).intValue();
      int min = ((Number) spec.get("minReplicaCount")).intValue();
      assertThat(max)
          .as("maxReplicaCount ≤ partitions of " + requests)
          .isLessThanOrEqualTo(partitions(d, requests));
      assertThat(min).isBetween(0, max);
      assertThat(replicas(worker)).isBetween(Math.max(min, 1), max);
      assertThat(Integer.parseInt((String) meta.get("lagThreshold"))).isPositive();
      assertThat(Integer.parseInt((String) meta.get("activationLagThreshold"))).isNotNegative();
      if (!overlay.endsWith("dev")) {
        assertThat(min)
            .as("no scale to zero in production: a cold start outlasts the deadline")
            .isPositive();
      }
      // lagThreshold derives from the measured per-replica throughput and the stage's deadline.
      double derived = PlannedThroughput.lagThreshold(s.stage());
      assertThat(Integer.parseInt((String) meta.get("lagThreshold")))
          .as("lagThreshold of %s", s.stage())
          .isBetween((int) (derived * 0.9), (int) derived);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldGiveTheDraftWorkerAReplyKitFillingEveryCompanySlotOfTheShippedBank(String overlay)
      throws Exception {
    Deployment d = deployment(overlay);
    Map<String, Object> draft = workload(d, "smallfirst-worker-draft");
    Map<String, Object> container = containers(draft).get(0);

    // The kit lies in the mounted volume of the smallfirst-reply-kit ConfigMap
    String kitPath = d.environment(draft, container).get(REPLY_KIT);
    Map<String, Object> kitVolume =
        list(podSpec(draft).get("volumes")).stream()
            .map(Kustomize::map)
            .filter(v -> v.containsKey("configMap"))
            .filter(v -> "smallfirst-reply-kit".equals(map(v.get("configMap")).get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(overlay + ": no reply kit volume"));
    assertThat(kitPath)
        .isEqualTo(mountPath(container, (String) kitVolume.get("name")) + "/reply-kit.json");
    assertThat(map(kitVolume.get("configMap"))).doesNotContainKey("optional");
    // dev generates it; base and prod leave it to the operator (README, "Deploying")
    assertThat(generatedReplyKit(d))
        .as(overlay)
        .matches(kit -> kit.isPresent() == overlay.endsWith("dev"));

    // And: the kit the worker starts with fills every company slot of the shipped bank
    Map<String, String> facts =
        WorkerSettings.from(settings(d, draft)).load().replyKit().forTenant("any");
    Set<String> company = new HashSet<>();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    for (String line :
        Files.readAllLines(Deployment.ROOT.resolve("model-workers/models/draft/bank.jsonl"))) {
      java.util.regex.Matcher slot = Slots.SLOT.matcher(json.readTree(line).path("reply").asText());
      while (slot.find()) {
        if (!Slots.isEntitySlot(slot.group(1))) {
          company.add(slot.group(1));
        }
      }
    }
    assertThat(company).isNotEmpty();
    assertThat(facts.keySet()).containsAll(company);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldReadTheFrontierApiKeyFromTheMountedSecret(String overlay, @TempDir Path tmp)
      throws Exception {
    Deployment d = deployment(overlay);
    Map<String, Object> frontier = workload(d, "smallfirst-frontier");
    Map<String, Object> container = containers(frontier).get(0);
    Map<String, String> env = d.environment(frontier, container);
    String keyFile = env.get("SMALLFIRST_FRONTIER_API_KEY_FILE");

    // The key file lies in the volume of the Secret, and no key sits in the environment
    Map<String, Object> secretVolume =
        list(podSpec(frontier).get("volumes")).stream()
            .map(Kustomize::map)
            .filter(v -> v.containsKey("secret"))
            .findFirst()
            .orElseThrow();
    String mount = mountPath(container, (String) secretVolume.get("name"));
    assertThat(keyFile).startsWith(mount + "/");
    assertThat(env.keySet()).noneMatch(k -> k.endsWith("API_KEY"));

    Path key = Files.writeString(tmp.resolve("api-key"), "sk-test");
    FrontierSettings s = frontierSettings(d, key);
    assertThat(s.instanceId()).isEqualTo("smallfirst-frontier-0");
    assertThat(s.httpHost()).isEqualTo("0.0.0.0");
    assertThat(containerPorts(frontier)).containsExactly(s.httpPort());
    assertThat(replicas(frontier)).isLessThanOrEqualTo(partitions(d, topics(d).escalations()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldGiveEveryContainerRequestsLimitsProbesAndWritableVolumesOnly(String overlay) {
    Deployment d = deployment(overlay);
    Map<String, String> image = Deployment.imageDefaults();
    for (Map<String, Object> w : d.ofKind("StatefulSet")) {
      Map<String, Object> pod = podSpec(w);
      assertThat(map(pod.get("securityContext")).get("runAsNonRoot"))
          .as(Kustomize.name(w))
          .isEqualTo(true);
      for (Map<String, Object> c : containers(w)) {
        String where = Kustomize.name(w) + "/" + c.get("name");
        Map<String, Object> res = map(c.get("resources"));
        for (String kind : List.of("requests", "limits")) {
          assertThat(map(res.get(kind))).as(where + " " + kind).containsKeys("cpu", "memory");
        }
        assertThat(Quantity.parse(map(res.get("requests")).get("memory")))
            .isLessThanOrEqualTo(Quantity.parse(map(res.get("limits")).get("memory")));
        assertThat(Quantity.parse(map(res.get("requests")).get("cpu")))
            .isLessThanOrEqualTo(Quantity.parse(map(res.get("limits")).get("cpu")));
        assertThat(probePath(c, "livenessProbe")).as(where).isEqualTo("/health");
        assertThat(probePath(c, "startupProbe")).as(where).isEqualTo("/health");
        assertThat(probePath(c, "readinessProbe")).as(where).isEqualTo("/ready");
        Map<String, Object> security = map(c.get("securityContext"));
        assertThat(security.get("readOnlyRootFilesystem")).as(where).isEqualTo(true);
        assertThat(security.get("allowPrivilegeEscalation")).as(where).isEqualTo(false);
        // What the process writes must be a mounted volume on a read-only root.
        Map<String, String> env = d.environment(w, c);
        assertThat(mounted(c, "/tmp")).as(where + " /tmp").isTrue();
        if ("worker".equals(templateLabels(w).get("app.kubernetes.io/component"))) {
          assertThat(mounted(c, env.getOrDefault("DJL_CACHE_DIR", image.get("DJL_CACHE_DIR"))))
              .as(where + " DJL cache")
              .isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldSetOnlyEnvironmentKeysThatTheCodeOrTheImageReads(String overlay) {
    Deployment d = deployment(overlay);
    SourceIndex sources = SourceIndex.mainSources();
    String start = Kustomize.read(Deployment.ROOT.resolve("deploy/images/app/start"));
    for (Map<String, Object> w : d.ofKind("StatefulSet")) {
      Map<String, Object> c = containers(w).get(0);
      Map<String, String> env = d.environment(w, c);
      Set<String> declared = new HashSet<>(d.config().keySet());
      list(c.get("env")).forEach(e -> declared.add((String) map(e).get("name")));
      for (String var : declared) {
        if (var.startsWith("SMALLFIRST_")) {
          String key = var.substring("SMALLFIRST_".length()).toLowerCase().replace('_', '.');
          assertThat(sources.readsKey(key) || start.contains(var))
              .as("%s: %s (key %s) is read by no deployable", Kustomize.name(w), var, key)
              .isTrue();
        } else if (!start.contains(var) && !var.startsWith("DJL_")) {
          // Helper variables exist for $(VAR) expansion in other values.
          assertThat(list(c.get("env")).stream().map(e -> String.valueOf(map(e).get("value"))))
              .as("%s: %s is used by nothing", Kustomize.name(w), var)
              .anyMatch(v -> v.contains("$(" + var + ")"));
        }
      }
      assertThat(env).doesNotContainKeys("KAFKA_OPTS");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void shouldGuardEveryWorkloadWithADisruptionBudgetAndSelectItsServices(String overlay) {
    Deployment d = deployment(overlay);
    for (Map<String, Object> w : d.ofKind("StatefulSet")) {
      Map<String, String> labels = templateLabels(w);
      assertThat(d.ofKind("PodDisruptionBudget"))
          .as(Kustomize.name(w))
          .anyMatch(
              pdb -> selects(map(map(pdb.get("spec")).get("selector")).get("matchLabels"), labels));
      String service = (String) map(w.get("spec")).get("serviceName");
      Map<String, Object> svc = d.find("Service", service).orElseThrow();
      assertThat(selects(map(svc.get("spec")).get("selector"), labels)).as(service).isTrue();
    }
    for (Map<String, Object> svc : d.ofKind("Service")) {
      assertThat(d.ofKind("StatefulSet"))
          .as("Service %s selects pods", Kustomize.name(svc))
          .anyMatch(w -> selects(map(svc.get("spec")).get("selector"), templateLabels(w)));
    }
    // The ServiceMonitor scrapes each deployable's Service once, on a port every one has.
    Map<String, Object> monitor = d.ofKind("ServiceMonitor").get(0);
    List<Object> components =
        list(
            map(list(map(map(monitor.get("spec")).get("selector")).get("matchExpressions")).get(0))
                .get("values"));
    String port = (String) map(list(map(monitor.get("spec")).get("endpoints")).get(0)).get("port");
    for (Object component : components) {
      List<Map<String, Object>> scraped =
          d.ofKind("Service").stream()
              .filter(
                  s ->
                      component.equals(
                          map(map(s.get("metadata")).get("labels"))
                              .get("app.kubernetes.io/component")))
              .toList();
      assertThat(scraped).as("Services of %s", component).hasSize(1);
      assertThat(list(map(scraped.get(0).get("spec")).get("ports")))
          .anyMatch(p -> port.equals(map(p).get("name")));
    }
  }

  private static FrontierSettings frontierSettings(Deployment d, Path apiKey) {
    Map<String, Object> frontier = workload(d, "smallfirst-frontier");
    Map<String, String> env = new HashMap<>(d.environment(frontier, containers(frontier).get(0)));
    if (apiKey != null) {
      env.put("SMALLFIRST_FRONTIER_API_KEY_FILE", apiKey.toString());
    } else {
      env.put("SMALLFIRST_FRONTIER_API_KEY_REQUIRED", "false");
      env.remove("SMALLFIRST_FRONTIER_API_KEY_FILE");
    }
    return FrontierSettings.from(ConfigSource.load(Optional.empty(), env), env);
  }

  private static boolean selects(Object selector, Map<String, String> labels) {
    Map<String, Object> sel = map(selector);
    return !sel.isEmpty()
        && sel.entrySet().stream()
            .allMatch(e -> String.valueOf(e.getValue()).equals(labels.get(e.getKey())));
  }

  private static List<Integer> containerPorts(Map<String, Object> workload) {
    return list(containers(workload).get(0).get("ports")).stream()
        .map(p -> ((Number) map(p).get("containerPort")).intValue())
        .toList();
  }

  private static String probePath(Map<String, Object> container, String probe) {
    Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
    Object port = get.get("port");
    assertThat(list(container.get("ports")))
        .as("probe port %s is a container port", port)
        .anyMatch(p -> port.equals(map(p).get("name")) || port.equals(map(p).get("containerPort")));
    return (String) get.get("path");
  }

  /** The mount path of volume {@code volume}, or null when none is mounted under that name. */
  private static String mountPath(Map<String, Object> container, String volume) {
    return list(container.get("volumeMounts")).stream()
        .map(Kustomize::map)
        .filter(m -> m.get("name").equals(volume))
        .map(m -> (String) m.get("mountPath"))
        .findFirst()
        .orElse(null);
  }

  private static boolean mounted(Map<String, Object> container, String path) {
    return list(container.get("volumeMounts")).stream()
        .map(m -> (String) map(m).get("mountPath"))
        .anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }
}
