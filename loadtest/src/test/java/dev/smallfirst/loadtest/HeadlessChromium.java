package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders a report page in Debian's headless {@code chromium} ({@code $CHROMIUM}, else the first of
 * chromium, chromium-browser, google-chrome on the PATH) and checks what the charts left in the
 * DOM. Tests that use it skip, saying why, where no browser is installed ({@code .ci/run} installs
 * one).
 */
public final class HeadlessChromium {
  private static final Pattern CHART = Pattern.compile("<div[^>]*data-chart=\"([a-z]+)\"[^>]*>");
  private static final Pattern ATTR = Pattern.compile("data-([a-z-]+)=\"([^\"]*)\"");

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** The browser, or the test is skipped saying that none was found. */
  public static HeadlessChromium orSkip() {
    Optional<Path> found = find();
    String env = System.getenv("CHROMIUM");
    Assumptions.assumeTrue(
        found.isPresent(),
        env != null && !env.isBlank()
            ? "no chromium: CHROMIUM=" + env + " is not an executable file"
            : "no chromium on the PATH: install Debian's chromium (apt-get install -y chromium)"
                + " or set CHROMIUM");
    return new HeadlessChromium(found.get());
  }

  private static Optional<Path> find() {
    String env = System.getenv("CHROMIUM");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env)).filter(Files::isExecutable);
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .flatMap(
            dir ->
                Stream.of("chromium", "chromium-browser", "google-chrome")
                    .map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The page's DOM after its scripts ran, and the console lines the browser logged. */
  public record Rendered(String dom, List<String> console) {
    /** Each chart container's data attributes, in page order. */
    public Map<String, Map<String, String>> charts() {
      Map<String, Map<String, String>> out = new LinkedHashMap<>();
      Matcher m = CHART.matcher(dom);
      while (m.find()) {
        out.put(m.group(1), attributes(m.group()));
      }
      return out;
    }

    /** The markup inside chart {@code name}'s container, up to the next container. */
    public String inside(String name) {
      Matcher m = CHART.matcher(dom);
      while (m.find()) {
        if (m.group(1).equals(name)) {
          int start = m.end();
          return dom.substring(start, m.find() ? m.start() : dom.length());
        }
      }
      throw new AssertionError("no chart container " + name);
    }

    /** The root element's data attributes. */
    public Map<String, String> root() {
      Matcher m = Pattern.compile("<html[^>]*>").matcher(dom);
      return m.find() ? attributes(m.group()) : Map.of();
    }

    /**
     * Every chart rendered as SVG with something drawn, but {@code notMeasured}, which say so; the
     * scripts finished without an error and the console stayed silent.
     */
    public void assertEveryChartRendered(Set<String> notMeasured) {
      assertThat(console).as("browser console").isEmpty();
      assertThat(root()).containsEntry("charts-done", "yes").containsEntry("errors", "0");
      Map<String, Map<String, String>> charts = charts();
      assertThat(charts).isNotEmpty();
      charts.forEach(
          (name, attrs) -> {
            if (notMeasured.contains(name)) {
              assertThat(attrs).as(name).containsEntry("rendered", "not-measured");
              assertThat(inside(name)).as(name).contains("not measured").doesNotContain("<svg");
            } else {
              assertThat(attrs).as(name).containsEntry("rendered", "yes");
              assertThat(Integer.parseInt(attrs.get("svg-elements"))).as(name).isGreaterThan(10);
              assertThat(inside(name)).as(name).contains("<svg", "<path", "<text");
            }
          });
    }

    private static Map<String, String> attributes(String tag) {
      Map<String, String> out = new LinkedHashMap<>();
      Matcher a = ATTR.matcher(tag);
      while (a.find()) {
        out.put(a.group(1), a.group(2));
      }
      return out;
    }
  }

  /** Loads {@code page} headless and returns its DOM; {@code work} holds the browser's profile. */
  public Rendered render(Path page, Path work) throws IOException, InterruptedException {
    Path dom = work.resolve("dom.html");
    Path log = work.resolve("chromium.log");
    Process p =
        new ProcessBuilder(
                executable.toString(),
                "--headless",
                "--no-sandbox", // CI runs as root
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + work.resolve("profile"),
                "--window-size=1200,900",
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000",
                "--dump-dom",
                page.toUri().toString())
            .redirectOutput(dom.toFile())
            .redirectError(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s; its log: " + log);
    }
    assertThat(p.exitValue()).as("chromium exit status (log: %s)", log).isZero();
    List<String> console =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains(":CONSOLE"))
            .toList();
    return new Rendered(Files.readString(dom, StandardCharsets.UTF_8), console);
  }
}
