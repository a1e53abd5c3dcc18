package dev.smallfirst.loadtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What the HTML report inlines: the ECharts bundle from its webjar, the chart script and the page's
 * style and error hook. Read from the class path once. Thread-safe.
 */
final class Assets {
  private static final String WEBJAR = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  static final String STYLE =
      "body{font-family:sans-serif;margin:2em auto;max-width:1000px;padding:0 1em}"
          + "table{border-collapse:collapse;margin:.5em 0}"
          + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
          + "h2{margin-top:1.5em}.chart{width:100%;height:380px}"
          + ".chart.empty{height:auto;color:#718096;font-style:italic}";

  /** Records the page's errors (uncaught and console.error) before anything else runs. */
  static final String ERROR_HOOK =
      "window.__reportErrors=[];"
          + "window.addEventListener('error',function(e){window.__reportErrors.push(String(e.message));"
          + "document.documentElement.dataset.errors=String(window.__reportErrors.length);});"
          + "(function(){var ce=console.error;console.error=function(){"
          + "window.__reportErrors.push(Array.prototype.join.call(arguments,' '));"
          + "document.documentElement.dataset.errors=String(window.__reportErrors.length);"
          + "ce.apply(console,arguments);};})();";

  static final String CHARTS = read("dev/smallfirst/loadtest/report-charts.js");

  private Assets() {}

  /** The minified ECharts bundle, read on first use (about 1 MB). */
  static String echarts() {
    return Echarts.BUNDLE;
  }

  private static final class Echarts {
    static final String BUNDLE =
        read("META-INF/resources/webjars/echarts/" + version() + "/dist/echarts.min.js");

    private static String version() {
      Properties p = new Properties();
      try (InputStream in = open(WEBJAR)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return p.getProperty("version");
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("missing on the class path: " + resource);
    }
    return in;
  }

  private static String read(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
