package dev.smallfirst.stack.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes the one-class agent jar that carries {@link ParentWatchdog} into a child JVM. */
final class AgentJar {
  private AgentJar() {}

  /** Writes the agent jar into {@code dir} (replacing any older one) and returns its path. */
  static Path write(Path dir) throws IOException {
    String entryName = ParentWatchdog.class.getName().replace('.', '/') + ".class";
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", ParentWatchdog.class.getName());
    Path jar = dir.resolve("parent-watchdog-agent.jar");
    try (InputStream classBytes =
            ParentWatchdog.class.getClassLoader().getResourceAsStream(entryName);
        OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      if (classBytes == null) {
        throw new IOException("class file " + entryName + " not found on the class path");
      }
      out.putNextEntry(new JarEntry(entryName));
      classBytes.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
