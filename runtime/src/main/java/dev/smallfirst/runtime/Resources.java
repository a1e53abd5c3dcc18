package dev.smallfirst.runtime;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a deployable's resources at shutdown: last opened first, each one even when an earlier one
 * failed to close (the failure is logged, not thrown).
 *
 * <pre>{@code
 * List<AutoCloseable> resources = new ArrayList<>(); // in the order they were opened
 * resources.add(registry);
 * resources.add(status);
 * Resources.closeInReverse(resources);
 * }</pre>
 */
public final class Resources {
  private static final Logger log = LoggerFactory.getLogger(Resources.class);

  private Resources() {}

  /** Closes {@code opened} from the last to the first, logging the ones that fail. */
  public static void closeInReverse(List<? extends AutoCloseable> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", opened.get(i), e.toString());
      }
    }
  }
}
