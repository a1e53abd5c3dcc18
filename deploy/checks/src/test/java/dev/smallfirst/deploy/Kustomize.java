package dev.smallfirst.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does for the features our manifests
 * use, so that the tests check what an overlay deploys without a kubectl binary: {@code resources}
 * (files and directories), {@code namespace}, {@code configMapGenerator} (files), and {@code
 * patches} with a {@code target} (kind, optional name) applied as strategic-merge patches (maps
 * merge, lists of named items merge by {@code name}, other lists are replaced). Anything else fails
 * loudly, so that a manifest never uses a feature the tests do not model.
 */
final class Kustomize {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> KNOWN =
      List.of(
          "apiVersion",
          "kind",
          "resources",
          "namespace",
          "configMapGenerator",
          "patches",
          "images");

  private Kustomize() {}

  /** Every resource {@code dir}'s kustomization renders to. */
  static List<Map<String, Object>> render(Path dir) {
    Map<String, Object> k = readOne(dir.resolve("kustomization.yaml"));
    for (String key : k.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new IllegalStateException(dir + ": kustomization field '" + key + "' not modelled");
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object r : list(k.get("resources"))) {
      Path p = dir.resolve((String) r).normalize();
      out.addAll(Files.isDirectory(p) ? render(p) : readAll(p));
    }
    for (Object g : list(k.get("configMapGenerator"))) {
      Map<String, Object> gen = map(g);
      Map<String, Object> data = new LinkedHashMap<>();
      for (Object f : list(gen.get("files"))) {
        Path file = dir.resolve((String) f);
        data.put(file.getFileName().toString(), read(file));
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("name", gen.get("name"));
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("apiVersion", "v1");
      cm.put("kind", "ConfigMap");
      cm.put("metadata", meta);
      cm.put("data", data);
      out.add(cm);
    }
    for (Object p : list(k.get("patches"))) {
      Map<String, Object> patch = map(p);
      Map<String, Object> target = map(patch.get("target"));
      Map<String, Object> body = readString((String) patch.get("patch"));
      int matched = 0;
      for (Map<String, Object> res : out) {
        if (res.get("kind").equals(target.get("kind"))
            && (target.get("name") == null || name(res).equals(target.get("name")))) {
          Map<String, Object> b = new LinkedHashMap<>(body);
          b.remove("apiVersion");
          b.remove("kind");
          b.remove("metadata");
          merge(res, b);
          matched++;
        }
      }
      if (matched == 0) {
        throw new IllegalStateException(dir + ": patch target " + target + " matches nothing");
      }
    }
    if (k.get("namespace") != null) {
      out.forEach(r -> map(r.get("metadata")).put("namespace", k.get("namespace")));
    }
    return out;
  }

  static String name(Map<String, Object> resource) {
    return (String) map(resource.get("metadata")).get("name");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o == null ? new LinkedHashMap<>() : (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }

  static List<Map<String, Object>> readAll(Path file) {
    try (MappingIterator<Map<String, Object>> it =
        YAML.readerFor(new TypeReference<Map<String, Object>>() {}).readValues(file.toFile())) {
      return it.readAll().stream().filter(Objects::nonNull).toList().stream()
          .map(m -> (Map<String, Object>) new LinkedHashMap<>(m))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  private static Map<String, Object> readOne(Path file) {
    List<Map<String, Object>> docs = readAll(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + ": expected one document, got " + docs.size());
    }
    return docs.get(0);
  }

  private static Map<String, Object> readString(String yaml) {
    try {
      return YAML.readValue(yaml, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse patch " + yaml, e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Strategic merge of {@code patch} into {@code into}, in place. */
  private static void merge(Map<String, Object> into, Map<String, Object> patch) {
    patch.forEach(
        (key, value) -> {
          Object old = into.get(key);
          if (old instanceof Map<?, ?> && value instanceof Map<?, ?>) {
            merge(map(old), map(value));
          } else if (old instanceof List<?> && value instanceof List<?> && named(list(value))) {
            into.put(key, mergeNamed(list(old), list(value)));
          } else {
            into.put(key, value);
          }
        });
  }

  private static boolean named(List<Object> items) {
    return !items.isEmpty()
        && items.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("name"));
  }

  private static List<Object> mergeNamed(List<Object> old, List<Object> patch) {
    List<Object> merged = new ArrayList<>();
    old.forEach(o -> merged.add(o instanceof Map<?, ?> ? new LinkedHashMap<>(map(o)) : o));
    for (Object p : patch) {
      Map<String, Object> item = map(p);
      Map<String, Object> existing =
          merged.stream()
              .filter(o -> o instanceof Map<?, ?> m && item.get("name").equals(m.get("name")))
              .map(Kustomize::map)
              .findFirst()
              .orElse(null);
      if (existing == null) {
        merged.add(0, item);
      } else {
        merge(existing, item);
      }
    }
    return merged;
  }
}
