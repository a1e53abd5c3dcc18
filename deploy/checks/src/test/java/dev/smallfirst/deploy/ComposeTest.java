package dev.smallfirst.deploy;

import static dev.smallfirst.deploy.Kustomize.list;
import static dev.smallfirst.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.runtime.config.ConfigSource;
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
import org.junit.jupiter.api.Test;

/** The compose file's services, their settings parsed by the deployables' own settings. */
class ComposeTest {

  @Test
  void shouldRunEveryDeployableOnItsOwnPortWithSettingsTheCodeAccepts() {
    // Given the compose file (YAML merge keys resolved)
    Map<String, Object> compose =
        Kustomize.readAll(Deployment.ROOT.resolve("deploy/compose/compose.yaml")).get(0);
    Map<String, Object> services = map(compose.get("services"));
    Set<Integer> ports = new HashSet<>();
    Set<String> stages = new HashSet<>();

    // When each service's environment is parsed by its deployable
    for (Map.Entry<String, Object> e : services.entrySet()) {
      Map<String, Object> service = map(e.getValue());
      assertThat(service.get("network_mode")).as(e.getKey()).isEqualTo("host");
      if (List.of("kafka", "registry").contains(e.getKey())) {
        continue;
      }
      Map<String, String> env = new HashMap<>();
      map(service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
      env.replaceAll((k, v) -> v.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1"));
      // A file the service mounts from the host is read where the host has it
      Map<String, String> mountedFiles = hostFiles(service);
      env.replaceAll((k, v) -> mountedFiles.getOrDefault(v, v));
      ConfigSource c = ConfigSource.load(Optional.empty(), Deployment.inImage(env));
      String image = (String) service.get("image");
      int port;
      if (image.startsWith("smallfirst/topology:")) {
        port = TopologySettings.from(c).httpPort();
      } else if (image.startsWith("smallfirst/worker:")) {
        WorkerSettings s = WorkerSettings.from(c);
        port = s.httpPort();
        stages.add(s.stage().name());
        assertThat(
                Deployment.ROOT.resolve("model-workers/models").resolve(s.modelDir().getFileName()))
            .isDirectory();
      } else {
        assertThat(image).startsWith("smallfirst/frontier-worker:");
        port = FrontierSettings.from(c, env).httpPort();
      }
      // Then no two share a port on the host network
      assertThat(ports.add(port)).as("%s port %d is taken", e.getKey(), port).isTrue();
      assertThat(service.get("read_only")).as(e.getKey()).isEqualTo(true);
    }
    assertThat(stages).hasSize(4);
    assertThat(ports).hasSize(6);
  }

  @Test
  void shouldMountAReplyKitFillingTheDraftWorkersCompanySlots() {
    Map<String, Object> compose =
        Kustomize.readAll(Deployment.ROOT.resolve("deploy/compose/compose.yaml")).get(0);
    Map<String, Object> draft = map(map(compose.get("services")).get("worker-draft"));

    String kit = String.valueOf(map(draft.get("environment")).get("SMALLFIRST_DRAFT_REPLY_KIT"));

    assertThat(hostFiles(draft)).containsKey(kit);
    assertThat(Path.of(hostFiles(draft).get(kit))).isRegularFile();
  }

  /**
   * Container path to host path of each file a service mounts from a host path ({@code
   * ${VAR:-default}} taken at its default, relative paths from the compose file's folder).
   */
  private static Map<String, String> hostFiles(Map<String, Object> service) {
    Map<String, String> files = new HashMap<>();
    Path folder = Deployment.ROOT.resolve("deploy/compose");
    for (Object v : list(service.get("volumes"))) {
      String[] parts = String.valueOf(v).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1").split(":");
      if (parts.length >= 2 && (parts[0].startsWith(".") || parts[0].startsWith("/"))) {
        Path host = folder.resolve(parts[0]).normalize();
        if (Files.isRegularFile(host)) {
          files.put(parts[1], host.toString());
        }
      }
    }
    return files;
  }
}
