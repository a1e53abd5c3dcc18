package dev.smallfirst.deploy;

import static dev.smallfirst.deploy.Kustomize.list;
import static dev.smallfirst.deploy.Kustomize.map;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rendered kustomization (base or overlay), with the look-ups the manifest tests share:
 * resources by kind and name, the shared settings, and each container's environment resolved as the
 * kubelet and the image resolve it.
 */
record Deployment(String name, List<Map<String, Object>> resources) {
  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
  private static final Pattern REF = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)");
  private static final Pattern IMAGE_ENV = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\\S+)");

  static Deployment of(String kustomization) {
    return new Deployment(kustomization, Kustomize.render(KUBERNETES.resolve(kustomization)));
  }

  List<Map<String, Object>> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
  }

  Optional<Map<String, Object>> find(String kind, String resourceName) {
    return ofKind(kind).stream().filter(r -> Kustomize.name(r).equals(resourceName)).findFirst();
  }

  /** The shared settings (ConfigMap smallfirst-config). */
  Map<String, String> config() {
    Map<String, String> data = new LinkedHashMap<>();
    map(find("ConfigMap", "smallfirst-config").orElseThrow().get("data"))
        .forEach((k, v) -> data.put(k, String.valueOf(v)));
    return data;
  }

  String namespace(Map<String, Object> resource) {
    Object ns = map(resource.get("metadata")).get("namespace");
    return ns == null ? "default" : (String) ns;
  }

  static Map<String, Object> podSpec(Map<String, Object> workload) {
    return map(map(map(workload.get("spec")).get("template")).get("spec"));
  }

  static List<Map<String, Object>> containers(Map<String, Object> workload) {
    return list(podSpec(workload).get("containers")).stream().map(Kustomize::map).toList();
  }

  static Map<String, String> templateLabels(Map<String, Object> workload) {
    Map<String, String> labels = new LinkedHashMap<>();
    map(map(map(map(workload.get("spec")).get("template")).get("metadata")).get("labels"))
        .forEach((k, v) -> labels.put(k, String.valueOf(v)));
    return labels;
  }

  /**
   * The environment {@code container} of {@code workload} sees: the image's defaults, then {@code
   * envFrom} ConfigMaps, then {@code env} ({@code $(VAR)} expanded, field refs as the first pod of
   * the StatefulSet would see them).
   */
  Map<String, String> environment(Map<String, Object> workload, Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>(imageDefaults());
    for (Object from : list(container.get("envFrom"))) {
      String cm = (String) map(map(from).get("configMapRef")).get("name");
      map(find("ConfigMap", cm)
              .orElseThrow(() -> new AssertionError("no ConfigMap " + cm))
              .get("data"))
          .forEach((k, v) -> env.put(k, String.valueOf(v)));
    }
    for (Object e : list(container.get("env"))) {
      Map<String, Object> var = map(e);
      String value;
      if (var.containsKey("value")) {
        value = expand(String.valueOf(var.get("value")), env);
      } else {
        String field = (String) map(map(var.get("valueFrom")).get("fieldRef")).get("fieldPath");
        value =
            switch (field) {
              case "metadata.name" -> Kustomize.name(workload) + "-0";
              case "metadata.namespace" -> namespace(workload);
              default -> throw new AssertionError("field ref " + field + " not modelled");
            };
      }
      env.put((String) var.get("name"), value);
    }
    return env;
  }

  private static String expand(String value, Map<String, String> env) {
    Matcher m = REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String ref = env.get(m.group(1));
      if (ref == null) {
        throw new AssertionError("$(" + m.group(1) + ") used before it is defined in " + value);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(ref));
    }
    return m.appendTail(out).toString();
  }

  /** The ENV block of the application Dockerfile. */
  static Map<String, String> imageDefaults() {
    String dockerfile = Kustomize.read(ROOT.resolve("deploy/images/app/Dockerfile"));
    String block = dockerfile.substring(dockerfile.indexOf("\nENV ") + 5);
    block = block.substring(0, block.indexOf("\nUSER "));
    Map<String, String> env = new LinkedHashMap<>();
    Matcher m = IMAGE_ENV.matcher(block);
    while (m.find()) {
      env.put(m.group(1), m.group(2));
    }
    env.remove("APP_MAIN_CLASS");
    return env;
  }

  /**
   * {@code env} with the paths the images provide mapped to where this checkout has them: {@code
   * /app/models} (the worker's default models, and the topology's copy of their manifests, from
   * which its start-up routing policy is derived) is {@code model-workers/models}.
   */
  static Map<String, String> inImage(Map<String, String> env) {
    Map<String, String> out = new java.util.HashMap<>(env);
    out.replaceAll(
        (k, v) -> v.equals("/app/models") ? ROOT.resolve("model-workers/models").toString() : v);
    return out;
  }
}
