package dev.smallfirst.deploy;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities ({@code 500m}, {@code "2"}, {@code 1536Mi}, {@code 1Gi}). */
final class Quantity {
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.of(
          "m", new BigDecimal("0.001"),
          "Ki", BigDecimal.valueOf(1L << 10),
          "Mi", BigDecimal.valueOf(1L << 20),
          "Gi", BigDecimal.valueOf(1L << 30),
          "Ti", BigDecimal.valueOf(1L << 40),
          "k", BigDecimal.valueOf(1_000),
          "M", BigDecimal.valueOf(1_000_000),
          "G", BigDecimal.valueOf(1_000_000_000));

  private Quantity() {}

  static BigDecimal parse(Object quantity) {
    String q = String.valueOf(quantity);
    for (Map.Entry<String, BigDecimal> s : SUFFIXES.entrySet()) {
      if (q.endsWith(s.getKey())
          && Character.isDigit(q.charAt(q.length() - s.getKey().length() - 1))) {
        return new BigDecimal(q.substring(0, q.length() - s.getKey().length()))
            .multiply(s.getValue());
      }
    }
    return new BigDecimal(q);
  }
}
