package dev.smallfirst.compare;

import dev.smallfirst.records.Stage;
import dev.smallfirst.training.cli.Cli;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/**
 * Command-line options of {@code smallfirst compare}, validated in the constructor with errors that
 * name the option. Immutable; {@link Flags} is what picocli fills.
 *
 * @param stage the stage compared
 * @param data the labeled file (JSON Lines, the format {@code eval} reads for the stage)
 * @param model the small model's directory
 * @param provider {@code anthropic} or {@code openai}
 * @param modelName the frontier model's name
 * @param baseUrl the provider's base URL, or null for the vendor's public endpoint
 * @param config a settings file with further {@code frontier.*} keys (prices, key file, rate
 *     limits), or null
 * @param report directory for {@code compare.json} and {@code index.html}, or null
 * @param frontierCache directory of cached frontier answers, or null for none
 * @param policyOut where to write the recommended routing policy, or null ({@code
 *     REPORT/policy.yaml} when a report is written)
 * @param policyBase a policy document to start from (e.g. {@code policy from-models}), or null
 * @param floor the least mixed quality the recommended threshold must keep, if given
 * @param within the most the mixed quality may fall below the frontier's, if given
 * @param maxSpendMicros the hard spend limit of this run, micro-dollars
 * @param limit compare at most this many examples (the first ones), 0 for all
 * @param concurrency frontier calls in flight at once
 * @param requestsPerMinute frontier requests per minute, 0 for no limit
 */
public record CompareOptions(
    Stage stage,
    Path data,
    Path model,
    String provider,
    String modelName,
    String baseUrl,
    Path config,
    Path report,
    Path frontierCache,
    Path policyOut,
    Path policyBase,
    Path replyKit,
    OptionalDouble floor,
    OptionalDouble within,
    long maxSpendMicros,
    int limit,
    int concurrency,
    int requestsPerMinute) {

  public CompareOptions {
    if (stage == null) {
      throw new IllegalArgumentException("--stage is required");
    }
    if (data == null) {
      throw new IllegalArgumentException("--data is required");
    }
    if (model == null) {
      throw new IllegalArgumentException("--model is required");
    }
    if (!provider.equals("anthropic") && !provider.equals("openai")) {
      throw new IllegalArgumentException(
          "--provider must be anthropic or openai, got '" + provider + "'");
    }
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("--model-name is required (the frontier model)");
    }
    if (floor.isPresent() && within.isPresent()) {
      throw new IllegalArgumentException("--floor and --within exclude each other");
    }
    if (floor.isPresent() && !(floor.getAsDouble() >= 0 && floor.getAsDouble() <= 1)) {
      throw new IllegalArgumentException("--floor must be within [0, 1]: " + floor.getAsDouble());
    }
    if (within.isPresent() && !(within.getAsDouble() >= 0 && within.getAsDouble() <= 1)) {
      throw new IllegalArgumentException("--within must be within [0, 1]: " + within.getAsDouble());
    }
    if (maxSpendMicros < 0) {
      throw new IllegalArgumentException("--max-spend must not be negative");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must not be negative: " + limit);
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("--concurrency must be within [1, 64]: " + concurrency);
    }
    if (requestsPerMinute < 0) {
      throw new IllegalArgumentException("--rate must not be negative: " + requestsPerMinute);
    }
    if (policyOut == null && report != null) {
      policyOut = report.resolve("policy.yaml");
    }
  }

  /** The quality the recommended threshold must keep, given the frontier's measured quality. */
  public double requiredQuality(double frontierQuality) {
    if (floor.isPresent()) {
      return floor.getAsDouble();
    }
    return frontierQuality - within.orElse(DEFAULT_WITHIN);
  }

  /** Without {@code --floor} or {@code --within}: within 0.02 of the frontier's quality. */
  public static final double DEFAULT_WITHIN = 0.02;

  /** How the requirement reads in reports. */
  public String requirement() {
    return floor.isPresent()
        ? String.format(Locale.ROOT, "mixed quality >= floor %.4f", floor.getAsDouble())
        : String.format(
            Locale.ROOT, "mixed quality >= frontier quality - %.4f", within.orElse(DEFAULT_WITHIN));
  }

  /** The command-line flags, as picocli fills them; {@link #toOptions()} validates them. */
  public static final class Flags {
    @Option(
        names = "--stage",
        paramLabel = "classify|extract|sentiment|draft",
        converter = Cli.StageConverter.class,
        description = "the stage to compare (required)")
    Stage stage;

    @Option(names = "--data", paramLabel = "FILE.jsonl", description = "labeled file (required)")
    Path data;

    @Option(names = "--model", paramLabel = "DIR", description = "the small model (required)")
    Path model;

    @Option(
        names = "--provider",
        paramLabel = "anthropic|openai",
        description = "the frontier API (default anthropic)")
    String provider = "anthropic";

    @Option(
        names = "--model-name",
        paramLabel = "M",
        description = "the frontier model (default claude-sonnet-4-5)")
    String modelName = "claude-sonnet-4-5";

    @Option(
        names = "--base-url",
        paramLabel = "U",
        description = "the provider's base URL (default: the vendor's endpoint)")
    String baseUrl;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "settings file with more frontier.* keys (prices, API key file, retries)")
    Path config;

    @Option(names = "--report", paramLabel = "DIR", description = "writes compare.json, index.html")
    Path report;

    @Option(
        names = "--frontier-cache",
        paramLabel = "DIR",
        description =
            "stores frontier answers by (provider, model, prompt hash): re-runs pay nothing")
    Path frontierCache;

    @Option(
        names = "--policy-out",
        paramLabel = "FILE",
        description = "the recommended routing policy (default REPORT/policy.yaml)")
    Path policyOut;

    @Option(
        names = "--policy-base",
        paramLabel = "FILE",
        description = "policy document to update (e.g. from policy from-models); version + 1")
    Path policyBase;

    @Option(
        names = "--floor",
        paramLabel = "X",
        description = "recommend the cheapest threshold keeping mixed quality >= X")
    Double floor;

    @Option(
        names = "--within",
        paramLabel = "X",
        description = "... keeping mixed quality >= frontier quality - X (default 0.02)")
    Double within;

    @Option(
        names = "--max-spend",
        paramLabel = "USD",
        description = "hard spend limit of the run in dollars (default 5)")
    double maxSpend = 5.0;

    @Option(names = "--limit", paramLabel = "N", description = "first N examples only (0 = all)")
    int limit;

    @Option(
        names = "--reply-kit",
        paramLabel = "FILE",
        description =
            "the tenant's reply kit for reply-bank drafts (default: the model's"
                + " reply-kit.example.json when it has one)")
    Path replyKit;

    @Option(
        names = "--concurrency",
        paramLabel = "N",
        description = "frontier calls in flight (default 4)")
    int concurrency = 4;

    @Option(
        names = "--rate",
        paramLabel = "PER_MINUTE",
        description = "frontier requests per minute (default 120; 0 = no limit)")
    int rate = 120;

    /** The validated options; throws {@link IllegalArgumentException} naming the bad option. */
    public CompareOptions toOptions() {
      if (!(maxSpend >= 0) || maxSpend > 1_000_000) {
        throw new IllegalArgumentException(
            "--max-spend must be a dollar amount within [0, 1000000]: " + maxSpend);
      }
      return new CompareOptions(
          stage,
          data,
          model,
          provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT),
          modelName,
          baseUrl,
          config,
          report,
          frontierCache,
          policyOut,
          policyBase,
          replyKit,
          floor == null ? OptionalDouble.empty() : OptionalDouble.of(floor),
          within == null ? OptionalDouble.empty() : OptionalDouble.of(within),
          Math.round(maxSpend * 1_000_000),
          limit,
          concurrency,
          rate);
    }
  }
}
