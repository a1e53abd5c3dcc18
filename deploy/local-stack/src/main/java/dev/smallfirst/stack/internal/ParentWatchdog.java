package dev.smallfirst.stack.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * A Java agent for child JVMs that must not outlive their parent: it halts the child as soon as its
 * standard input reaches end-of-file, which happens when the parent closes the pipe or dies (even
 * by SIGKILL, since the kernel closes the parent's end of the pipe).
 *
 * <p>This class is copied on its own into an agent jar (see {@link AgentJar}), so it must use
 * nothing but the JDK and must not declare nested or anonymous classes.
 */
public final class ParentWatchdog {
  private ParentWatchdog() {}

  /** Agent entry point: starts the watching daemon thread. */
  public static void premain(String args) {
    Thread watcher = new Thread(() -> watch(System.in), "parent-watchdog");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void watch(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // Anything the parent writes is ignored; only end-of-file matters.
      }
    } catch (IOException e) {
      System.err.println(
          "parent-watchdog: standard input failed (" + e + "); parent presumed gone");
    }
    System.err.println("parent-watchdog: parent process gone, halting this child process");
    Runtime.getRuntime().halt(0);
  }
}
