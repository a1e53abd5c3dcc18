package dev.smallfirst.stack.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Apicurio Registry distribution: the {@code tar.gz} that the build fetches from Maven Central
 * into the local Maven repository, unpacked once into a cache folder shared by every run. Unpacking
 * is safe when several JVMs race: each unpacks aside and the first rename wins.
 */
public final class ApicurioDistribution {
  private static final String BUILD_INFO = "/smallfirst-stack.properties";
  private static final String RUNNER = "quarkus-run.jar";

  private ApicurioDistribution() {}

  /** The version the build pinned. */
  public static String version() {
    return buildInfo().getProperty("apicurio.version");
  }

  /** The archive in the local Maven repository, as recorded by the build. */
  public static Path archiveFromBuild() {
    return Path.of(buildInfo().getProperty("apicurio.archive"));
  }

  /** Default cache: {@code $SMALLFIRST_CACHE_DIR}, else {@code $XDG_CACHE_HOME/smallfirst}. */
  public static Path defaultCacheDir() {
    String explicit = System.getenv("SMALLFIRST_CACHE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("smallfirst");
  }

  /**
   * Returns the unpacked distribution's folder (holding {@code quarkus-run.jar}), unpacking {@code
   * archive} into {@code cacheDir} first when needed.
   */
  public static Path unpacked(Path archive, Path cacheDir) {
    Path home = cacheDir.resolve("apicurio-registry-" + version());
    if (Files.isRegularFile(home.resolve(RUNNER))) {
      return home;
    }
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException(
          "Apicurio Registry distribution not found at "
              + archive
              + ": build the project first (./mvnw -q -DskipTests package fetches it from Maven"
              + " Central), or point SMALLFIRST_APICURIO_HOME at an unpacked distribution");
    }
    try {
      Files.createDirectories(cacheDir);
      Path aside = Files.createTempDirectory(cacheDir, ".unpacking-");
      try {
        untar(archive, aside);
        if (!Files.isRegularFile(aside.resolve(RUNNER))) {
          throw new IllegalStateException(archive + " holds no " + RUNNER + " at its top level");
        }
        Files.move(aside, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException raceLost) {
        deleteTree(aside); // another JVM unpacked it first; use theirs
      } finally {
        if (Files.exists(aside)) {
          deleteTree(aside);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + archive + " into " + cacheDir, e);
    }
    return home;
  }

  private static void untar(Path archive, Path into) throws IOException {
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
            .redirectErrorStream(true)
            .start();
    tar.getOutputStream().close();
    String output;
    try (InputStream in = tar.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!tar.waitFor(5, TimeUnit.MINUTES)) {
        tar.destroyForcibly();
        throw new IOException("tar did not finish unpacking " + archive + " within 5 minutes");
      }
    } catch (InterruptedException e) {
      tar.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while unpacking " + archive, e);
    }
    if (tar.exitValue() != 0) {
      throw new IOException(
          "tar exited with " + tar.exitValue() + " on " + archive + ": " + output);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Properties buildInfo() {
    Properties props = new Properties();
    try (InputStream in = ApicurioDistribution.class.getResourceAsStream(BUILD_INFO)) {
      if (in == null) {
        throw new IllegalStateException(BUILD_INFO + " missing from the class path");
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props;
  }
}
