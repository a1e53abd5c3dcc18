package dev.smallfirst.models.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a text into a sparse TF-IDF vector over a fixed vocabulary of word n-grams and within-word
 * character n-grams (subword pieces), the input of the bag-of-n-grams classifiers.
 *
 * <p>The vocabulary is learned from training texts ({@link #fit}); n-grams outside it are ignored.
 * Index 0 is reserved for padding, so feature ids start at 1. Each family (words, characters) is
 * l2-normalized separately with sublinear term frequency, as in a classic TF-IDF union. Immutable
 * and thread-safe once built.
 *
 * <pre>{@code
 * NgramFeaturizer f = NgramFeaturizer.fit(trainingTexts, NgramFeaturizer.Config.defaults());
 * NgramFeaturizer.Features x = f.featurize("Where is my refund?");
 * }</pre>
 */
public final class NgramFeaturizer {

  /**
   * How features are extracted and which are kept.
   *
   * @param wordNgrams longest word n-gram (1 = unigrams only)
   * @param charMin shortest character n-gram inside a word padded with spaces
   * @param charMax longest character n-gram
   * @param minDf minimum number of training texts a feature must occur in to be kept
   * @param maxFeatures cap on the vocabulary size (most frequent kept)
   * @param unknownMass whether n-grams outside the vocabulary still count in each family's norm
   *     (with the idf of an unseen n-gram): a text made mostly of unknown n-grams then gets a short
   *     vector and a less confident prediction, which helps spot out-of-scope input
   */
  public record Config(
      int wordNgrams, int charMin, int charMax, int minDf, int maxFeatures, boolean unknownMass) {

    /** A configuration where unknown n-grams do not count in the norm. */
    public Config(int wordNgrams, int charMin, int charMax, int minDf, int maxFeatures) {
      this(wordNgrams, charMin, charMax, minDf, maxFeatures, false);
    }

    public Config {
      if (wordNgrams < 1 || charMin < 1 || charMax < charMin || minDf < 1 || maxFeatures < 1) {
        throw new IllegalArgumentException("invalid featurizer config: " + this);
      }
    }

    /** Word uni- and bigrams, character 2- to 5-grams, features seen in at least 2 texts. */
    public static Config defaults() {
      return new Config(2, 2, 5, 2, 200_000, true);
    }
  }

  /** The sparse vector of one text: parallel arrays of feature ids (from 1) and weights. */
  public record Features(int[] ids, float[] weights) {
    public int size() {
      return ids.length;
    }
  }

  /** The {@code type} written in {@code featurizer.json}. */
  public static final String TYPE = "smallfirst-ngram-tfidf";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Config config;
  private final List<String> vocabulary; // position i holds feature id i + 1
  private final Map<String, Integer> ids;
  private final float[] idf; // indexed by feature id; idf[0] unused
  private final boolean[] charFamily; // indexed by feature id
  private final int documents; // training texts the idf was computed from

  private NgramFeaturizer(Config config, List<String> vocabulary, float[] idf, int documents) {
    this.config = config;
    this.documents = documents;
    this.vocabulary = List.copyOf(vocabulary);
    this.idf = idf.clone();
    this.ids = new HashMap<>(vocabulary.size() * 2);
    this.charFamily = new boolean[vocabulary.size() + 1];
    for (int i = 0; i < vocabulary.size(); i++) {
      ids.put(vocabulary.get(i), i + 1);
      charFamily[i + 1] = vocabulary.get(i).startsWith("c|");
    }
    if (idf.length != vocabulary.size() + 1) {
      throw new IllegalArgumentException(
          "idf has " + idf.length + " entries, expected " + (vocabulary.size() + 1));
    }
  }

  /** Rebuilds a featurizer from its saved parts (see {@link #vocabulary()} and {@link #idf()}). */
  public static NgramFeaturizer of(
      Config config, List<String> vocabulary, float[] idf, int documents) {
    return new NgramFeaturizer(config, vocabulary, idf, documents);
  }

  /** Learns the vocabulary and inverse document frequencies from {@code texts}. */
  public static NgramFeaturizer fit(Collection<String> texts, Config config) {
    Map<String, Integer> df = new HashMap<>();
    for (String text : texts) {
      for (String feature : distinct(extract(text, config))) {
        df.merge(feature, 1, Integer::sum);
      }
    }
    List<Map.Entry<String, Integer>> kept = new ArrayList<>();
    for (Map.Entry<String, Integer> e : df.entrySet()) {
      if (e.getValue() >= config.minDf()) {
        kept.add(e);
      }
    }
    kept.sort(
        Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
            .reversed()
            .thenComparing(Map.Entry::getKey));
    if (kept.size() > config.maxFeatures()) {
      kept = kept.subList(0, config.maxFeatures());
    }
    List<String> vocabulary = new ArrayList<>(kept.size());
    float[] idf = new float[kept.size() + 1];
    int n = texts.size();
    for (int i = 0; i < kept.size(); i++) {
      vocabulary.add(kept.get(i).getKey());
      idf[i + 1] = (float) (Math.log((1.0 + n) / (1.0 + kept.get(i).getValue())) + 1.0);
    }
    return new NgramFeaturizer(config, vocabulary, idf, n);
  }

  /** The sparse TF-IDF vector of {@code text}; empty when no known n-gram occurs. */
  public Features featurize(String text) {
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    Map<String, Integer> unknown = config.unknownMass() ? new HashMap<>() : null;
    for (String feature : extract(text, config)) {
      Integer id = ids.get(feature);
      if (id != null) {
        counts.merge(id, 1, Integer::sum);
      } else if (unknown != null) {
        unknown.merge(feature, 1, Integer::sum);
      }
    }
    int[] out = new int[counts.size()];
    float[] w = new float[counts.size()];
    double wordNorm = 0;
    double charNorm = 0;
    if (unknown != null) {
      double unseenIdf = Math.log(1.0 + documents) + 1.0;
      for (Map.Entry<String, Integer> e : unknown.entrySet()) {
        double u = (1.0 + Math.log(e.getValue())) * unseenIdf;
        if (e.getKey().startsWith("c|")) {
          charNorm += u * u;
        } else {
          wordNorm += u * u;
        }
      }
    }
    int k = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      int id = e.getKey();
      out[k] = id;
      w[k] = (float) ((1.0 + Math.log(e.getValue())) * idf[id]);
      if (isCharFeature(id)) {
        charNorm += w[k] * w[k];
      } else {
        wordNorm += w[k] * w[k];
      }
      k++;
    }
    for (int i = 0; i < out.length; i++) {
      double norm = isCharFeature(out[i]) ? charNorm : wordNorm;
      w[i] = (float) (w[i] / Math.sqrt(norm));
    }
    return new Features(out, w);
  }

  /** The configuration this featurizer was fitted with. */
  public Config config() {
    return config;
  }

  /** The feature strings in id order (the first has id 1). */
  public List<String> vocabulary() {
    return vocabulary;
  }

  /** Inverse document frequencies indexed by feature id (entry 0 unused); a copy. */
  public float[] idf() {
    return idf.clone();
  }

  /** Number of ids including the padding id 0: the row count of an embedding over features. */
  public int dimension() {
    return vocabulary.size() + 1;
  }

  private boolean isCharFeature(int id) {
    return charFamily[id];
  }

  /**
   * Writes this featurizer as JSON ({@code type}, {@code config}, {@code features}, {@code idf}).
   */
  public void write(Path file) throws IOException {
    ObjectNode root =
        JSON.createObjectNode()
            .put("type", TYPE)
            .put("formatVersion", 1)
            .put("documents", documents);
    root.set("config", JSON.valueToTree(config));
    ArrayNode features = root.putArray("features");
    vocabulary.forEach(features::add);
    ArrayNode weights = root.putArray("idf");
    for (int i = 1; i < idf.length; i++) {
      weights.add(idf[i]);
    }
    Files.writeString(file, JSON.writeValueAsString(root));
  }

  /** Reads a featurizer written by {@link #write}; throws {@link IOException} when malformed. */
  public static NgramFeaturizer read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !TYPE.equals(root.path("type").asText())) {
      throw new IOException(file + " is not a " + TYPE + " featurizer");
    }
    Config config = JSON.treeToValue(root.get("config"), Config.class);
    List<String> vocabulary = new ArrayList<>();
    root.path("features").forEach(n -> vocabulary.add(n.asText()));
    JsonNode w = root.path("idf");
    if (w.size() != vocabulary.size()) {
      throw new IOException(
          file + ": " + w.size() + " idf values for " + vocabulary.size() + " features");
    }
    float[] idf = new float[vocabulary.size() + 1];
    for (int i = 0; i < w.size(); i++) {
      idf[i + 1] = (float) w.get(i).asDouble();
    }
    return new NgramFeaturizer(config, vocabulary, idf, root.path("documents").asInt(0));
  }

  private static Collection<String> distinct(List<String> features) {
    return new java.util.HashSet<>(features);
  }

  /** All n-gram strings of {@code text} with repetitions, before the vocabulary filter. */
  static List<String> extract(String text, Config config) {
    List<String> words = new ArrayList<>();
    for (WordTokenizer.Token t : WordTokenizer.tokenize(TextNormalizer.normalize(text))) {
      words.add(shape(t.text()));
    }
    List<String> features = new ArrayList<>(words.size() * 16);
    for (int n = 1; n <= config.wordNgrams(); n++) {
      for (int i = 0; i + n <= words.size(); i++) {
        features.add("w|" + String.join(" ", words.subList(i, i + n)));
      }
    }
    for (String word : words) {
      int[] cps = (" " + word + " ").codePoints().toArray(); // never split a surrogate pair
      for (int n = config.charMin(); n <= config.charMax(); n++) {
        for (int i = 0; i + n <= cps.length; i++) {
          features.add("c|" + new String(cps, i, n));
        }
      }
    }
    return features;
  }

  /** Numbers keep their length but not their digits: order numbers must not become features. */
  private static String shape(String token) {
    if (!token.isEmpty() && Character.isDigit(token.charAt(0)) && token.length() > 2) {
      char[] zeros = new char[Math.min(token.length(), 8)];
      Arrays.fill(zeros, '0');
      return new String(zeros);
    }
    return token;
  }
}
