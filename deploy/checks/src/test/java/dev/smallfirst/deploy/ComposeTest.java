package dev.smallfirst.deploy;

import static dev.smallfirst.deploy.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.topology.TopologySettings;
import dev.smallfirst.worker.WorkerSettings;
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
}
