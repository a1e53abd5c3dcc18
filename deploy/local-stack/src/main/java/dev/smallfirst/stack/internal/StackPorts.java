package dev.smallfirst.stack.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The four ports of a local stack, kept in its work folder ({@value #FILE}) so that a stack
 * restarted on the same folder binds the same ones: the KRaft controller's address is part of the
 * formatted metadata, and clients keep their {@code bootstrap.servers} and registry URL. A port
 * asked for explicitly wins over the saved one.
 *
 * @param kafka the broker's client port
 * @param controller the KRaft controller's port
 * @param registry the registry's HTTP port
 * @param management the registry's management (health) port
 */
public record StackPorts(int kafka, int controller, int registry, int management) {
  static final String FILE = "stack-ports.properties";

  /**
   * The saved ports of {@code dir} when it has them, else free ones; explicit (non-zero) requests
   * win. The result is saved in {@code dir}.
   */
  public static StackPorts resolve(Path dir, int kafkaPort, int registryPort) throws IOException {
    Optional<StackPorts> saved = read(dir.resolve(FILE));
    StackPorts ports =
        new StackPorts(
            kafkaPort != 0 ? kafkaPort : saved.map(StackPorts::kafka).orElse(FreePorts.orFree(0)),
            saved.map(StackPorts::controller).orElse(FreePorts.orFree(0)),
            registryPort != 0
                ? registryPort
                : saved.map(StackPorts::registry).orElse(FreePorts.orFree(0)),
            saved.map(StackPorts::management).orElse(FreePorts.orFree(0)));
    ports.write(dir.resolve(FILE));
    return ports;
  }

  private static Optional<StackPorts> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    try {
      return Optional.of(
          new StackPorts(
              Integer.parseInt(p.getProperty("kafka")),
              Integer.parseInt(p.getProperty("controller")),
              Integer.parseInt(p.getProperty("registry")),
              Integer.parseInt(p.getProperty("management"))));
    } catch (NumberFormatException e) {
      throw new IOException(file + " is damaged (" + e.getMessage() + "); delete it", e);
    }
  }

  private void write(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("kafka", String.valueOf(kafka));
    p.setProperty("controller", String.valueOf(controller));
    p.setProperty("registry", String.valueOf(registry));
    p.setProperty("management", String.valueOf(management));
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, "smallfirst local stack: the ports a restart on this folder binds again");
    }
  }
}
