package dev.smallfirst.frontier.budget;

import java.time.Instant;

/**
 * One budget bucket: a window instance and a scope ({@link #GLOBAL} or {@code tenant:<id>}).
 *
 * @param window hour or day
 * @param start the window's start (UTC)
 * @param scope {@link #GLOBAL} or {@code tenant:<tenantId>}
 */
public record WindowKey(SpendWindow window, Instant start, String scope) {
  /** Scope of the whole deployment's spend. */
  public static final String GLOBAL = "*";

  /** The scope of one tenant. */
  public static String tenant(String tenantId) {
    return "tenant:" + tenantId;
  }

  public boolean isGlobal() {
    return GLOBAL.equals(scope);
  }
}
