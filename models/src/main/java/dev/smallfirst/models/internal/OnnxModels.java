package dev.smallfirst.models.internal;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.smallfirst.models.ModelLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads an ONNX file on DJL's OnnxRuntime engine with this project's session options: {@code
 * -Dsmallfirst.onnx.threads} intra-op threads (default: one per core), and threads that sleep
 * rather than spin between runs unless {@code -Dsmallfirst.onnx.spin=true}: a worker shares its
 * cores with Kafka clients and other stages, and a spinning pool takes a core from them between
 * batches. Used by the sentence encoder and the ONNX causal LM.
 */
public final class OnnxModels {
  private OnnxModels() {}

  /** A loaded ONNX model and the session options it holds; close both with {@link #close}. */
  public record Loaded(Model model, OrtSession.SessionOptions options) implements AutoCloseable {
    @Override
    public void close() {
      model.close();
      options.close();
    }
  }

  /**
   * Loads {@code onnx} as model {@code name}.
   *
   * @param what names the file in errors, e.g. "ONNX encoder"
   * @throws ModelLoadException when the options are bad or the file does not load
   */
  public static Loaded load(String name, Path onnx, String what) {
    OrtSession.SessionOptions options = sessionOptions();
    Model model = Model.newInstance(name, "OnnxRuntime");
    try {
      model.load(
          onnx.getParent(), onnx.getFileName().toString(), Map.of("sessionOptions", options));
      return new Loaded(model, options);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      options.close();
      throw new ModelLoadException("cannot load " + what + " " + onnx + ": " + e, e);
    }
  }

  private static OrtSession.SessionOptions sessionOptions() {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      String threads = System.getProperty("smallfirst.onnx.threads");
      if (threads != null && !threads.isBlank()) {
        options.setIntraOpNumThreads(Integer.parseInt(threads.trim()));
        options.setInterOpNumThreads(1);
      }
      boolean spin = Boolean.parseBoolean(System.getProperty("smallfirst.onnx.spin", "false"));
      options.addConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
      options.addConfigEntry("session.inter_op.allow_spinning", spin ? "1" : "0");
      return options;
    } catch (OrtException | NumberFormatException e) {
      options.close();
      throw new ModelLoadException(
          "bad ONNX Runtime options (-Dsmallfirst.onnx.threads="
              + System.getProperty("smallfirst.onnx.threads")
              + "): "
              + e.getMessage(),
          e);
    }
  }
}
