package dev.smallfirst.models.trained;

import dev.smallfirst.models.text.WordTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-token BIO tag log-probabilities into spans: a Viterbi pass that only allows {@code I-X}
 * after {@code B-X} or {@code I-X}, then spans from the tag path. Tag 0 is {@code O}; label {@code
 * i} has {@code B} = {@code 1 + 2i} and {@code I} = {@code 2 + 2i}. A span's confidence is the
 * product of its tokens' tag probabilities times the probability that the next token does not
 * continue it. Stateless.
 */
public final class SpanDecoder {

  private SpanDecoder() {}

  /** Tag index of {@code B-label}. */
  public static int begin(int label) {
    return 1 + 2 * label;
  }

  /** Tag index of {@code I-label}. */
  public static int inside(int label) {
    return 2 + 2 * label;
  }

  /** The best allowed tag path for {@code logProbs [tokens][tags]}. */
  public static int[] viterbi(float[][] logProbs) {
    int n = logProbs.length;
    if (n == 0) {
      return new int[0];
    }
    int tags = logProbs[0].length;
    double[][] score = new double[n][tags];
    int[][] back = new int[n][tags];
    for (int t = 0; t < tags; t++) {
      score[0][t] = isInside(t) ? Double.NEGATIVE_INFINITY : logProbs[0][t];
    }
    for (int i = 1; i < n; i++) {
      for (int t = 0; t < tags; t++) {
        double best = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int prev = 0; prev < tags; prev++) {
          if (!allowed(prev, t)) {
            continue;
          }
          if (score[i - 1][prev] > best) {
            best = score[i - 1][prev];
            arg = prev;
          }
        }
        score[i][t] = best + logProbs[i][t];
        back[i][t] = arg;
      }
    }
    int[] path = new int[n];
    int last = 0;
    for (int t = 1; t < tags; t++) {
      if (score[n - 1][t] > score[n - 1][last]) {
        last = t;
      }
    }
    path[n - 1] = last;
    for (int i = n - 1; i > 0; i--) {
      path[i - 1] = back[i][path[i]];
    }
    return path;
  }

  /** Spans of a tag path over {@code tokens} of {@code text}, with confidences. */
  public static List<Span> spans(
      String text,
      List<WordTokenizer.Token> tokens,
      int[] path,
      float[][] logProbs,
      List<String> labels) {
    List<Span> out = new ArrayList<>();
    int i = 0;
    while (i < path.length) {
      if (path[i] == 0 || isInside(path[i])) {
        i++;
        continue;
      }
      int label = (path[i] - 1) / 2;
      int j = i + 1;
      while (j < path.length && path[j] == inside(label)) {
        j++;
      }
      double logConf = 0;
      for (int k = i; k < j; k++) {
        logConf += logProbs[k][path[k]];
      }
      if (j < path.length) {
        logConf += Math.log(Math.max(1e-12, 1 - Math.exp(logProbs[j][inside(label)])));
      }
      int first = i;
      int last = j - 1;
      while (first < last && isEdgePunctuation(tokens.get(first).text())) {
        first++;
      }
      while (last > first && isEdgePunctuation(tokens.get(last).text())) {
        last--;
      }
      int start = tokens.get(first).start();
      int end = tokens.get(last).end();
      out.add(
          new Span(start, end, labels.get(label), text.substring(start, end), Math.exp(logConf)));
      i = j;
    }
    return out;
  }

  /** The lowest probability of any token's chosen tag; 1 for an empty path. */
  public static double confidence(int[] path, float[][] logProbs) {
    double min = 1;
    for (int i = 0; i < path.length; i++) {
      min = Math.min(min, Math.exp(logProbs[i][path[i]]));
    }
    return min;
  }

  /** Brackets, quotes and separators never begin or end an entity; a tagger may still add them. */
  private static boolean isEdgePunctuation(String token) {
    return token.length() == 1 && "()[]{}<>\"'`,;".indexOf(token.charAt(0)) >= 0;
  }

  private static boolean isInside(int tag) {
    return tag > 0 && tag % 2 == 0;
  }

  private static boolean allowed(int prev, int tag) {
    if (!isInside(tag)) {
      return true;
    }
    int label = (tag - 2) / 2;
    return prev == begin(label) || prev == inside(label);
  }
}
