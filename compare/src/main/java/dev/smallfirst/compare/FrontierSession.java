package dev.smallfirst.compare;

import dev.smallfirst.frontier.budget.BudgetGuard;
import dev.smallfirst.frontier.budget.BudgetSettings;
import dev.smallfirst.frontier.llm.LlmClient;
import dev.smallfirst.frontier.llm.LlmReply;
import dev.smallfirst.frontier.llm.ProviderSettings;
import dev.smallfirst.frontier.llm.providers.LlmClients;
import dev.smallfirst.frontier.prompt.Prompt;
import dev.smallfirst.frontier.resilience.CallObserver;
import dev.smallfirst.frontier.resilience.CallOutcome;
import dev.smallfirst.frontier.resilience.FrontierGuards;
import dev.smallfirst.frontier.resilience.ResilienceSettings;
import dev.smallfirst.frontier.resilience.ResilientCaller;
import dev.smallfirst.records.FallbackReason;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.stages.TokenPrices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frontier side of a comparison: the worker's own {@link LlmClient} behind its {@link
 * ResilientCaller} (retry, circuit breaker, bulkhead, rate limit) and a {@link BudgetGuard} whose
 * only cap is the run's {@code --max-spend} (its clock is frozen at the start, so no hour or day
 * window rolls over during a run: the cap is the run's total). Answers come from the {@link
 * FrontierCache} first. Once the guard refuses a call, no further call is made and the remaining
 * examples are {@link FrontierAnswer.NotScored}. Thread-safe; one per run.
 */
public final class FrontierSession implements AutoCloseable {
  private static final String TENANT = "compare";
  private static final Duration RATE_WAIT = Duration.ofMinutes(10);

  private final LlmClient client;
  private final ResilientCaller caller;
  private final BudgetGuard budget;
  private final TokenPrices prices;
  private final Optional<FrontierCache> cache;
  private final ConfigSource config;
  private final int concurrency;
  private final int maxTokens;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger cacheHits = new AtomicInteger();

  private FrontierSession(
      LlmClient client,
      ResilientCaller caller,
      BudgetGuard budget,
      Optional<FrontierCache> cache,
      ConfigSource config,
      int concurrency,
      int maxTokens) {
    this.client = client;
    this.config = config;
    this.caller = caller;
    this.budget = budget;
    this.prices = budget.settings().prices();
    this.cache = cache;
    this.concurrency = concurrency;
    this.maxTokens = maxTokens;
  }

  /**
   * Reads the {@code frontier.*} settings as the worker does ({@code --config} file, {@code
   * SMALLFIRST_*} variables, the API key from {@code frontier.api.key.file} or the provider's
   * variable), with the command line's options on top.
   *
   * @throws IllegalArgumentException (a {@code ConfigException}) naming a bad key
   */
  public static FrontierSession open(CompareOptions o, Map<String, String> env) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put(ProviderSettings.PROVIDER, o.provider());
    overrides.put(ProviderSettings.MODEL, o.modelName());
    if (o.baseUrl() != null) {
      overrides.put(ProviderSettings.BASE_URL, o.baseUrl());
    }
    overrides.put(BudgetSettings.HOUR_CAP, Long.toString(o.maxSpendMicros()));
    overrides.put(BudgetSettings.DAY_CAP, Long.toString(o.maxSpendMicros()));
    overrides.put(ResilienceSettings.CONCURRENCY, Integer.toString(o.concurrency()));
    overrides.put("frontier.rate.requests.per.minute", Integer.toString(o.requestsPerMinute()));
    // A batch waits for its rate-limit permit; the worker (2 s by default) must answer in time.
    overrides.put("frontier.rate.wait.ms", Long.toString(RATE_WAIT.toMillis()));
    ConfigSource c = ConfigSource.load(Optional.ofNullable(o.config()), env).with(overrides);
    ProviderSettings provider = ProviderSettings.from(c, env);
    BudgetSettings budgetSettings = BudgetSettings.from(c, provider, "");
    ResilienceSettings resilience = ResilienceSettings.from(c);
    Clock frozen = Clock.fixed(Instant.now(), Clock.systemUTC().getZone());
    BudgetGuard budget = new BudgetGuard(budgetSettings, frozen, "smallfirst-compare");
    LlmClient client = LlmClients.create(provider, Clock.systemUTC()).orElseThrow();
    ResilientCaller caller =
        new ResilientCaller(
            client,
            FrontierGuards.of(resilience),
            budget,
            provider.timeout(),
            Clock.systemUTC(),
            CallObserver.NONE);
    return new FrontierSession(
        client,
        caller,
        budget,
        Optional.ofNullable(o.frontierCache()).map(FrontierCache::new),
        c,
        o.concurrency(),
        provider.maxTokens());
  }

  /** The frontier's answers to {@code prompts}, in order; never throws for provider failures. */
  public List<FrontierAnswer> ask(List<Prompt> prompts) throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<FrontierAnswer>> futures = new ArrayList<>(prompts.size());
      for (Prompt p : prompts) {
        futures.add(pool.submit(() -> one(p)));
      }
      List<FrontierAnswer> out = new ArrayList<>(prompts.size());
      for (Future<FrontierAnswer> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof UncheckedIOException io) {
            throw io.getCause();
          }
          throw new IllegalStateException("frontier call failed unexpectedly", e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private FrontierAnswer one(Prompt p) {
    String hash = hash(p);
    Optional<LlmReply> hit = cache.flatMap(c -> c.get(client.provider(), client.model(), hash));
    if (hit.isPresent()) {
      cacheHits.incrementAndGet();
      return replied(hit.get(), true);
    }
    if (stopped.get()) {
      return new FrontierAnswer.NotScored();
    }
    CallOutcome outcome =
        caller.call(p, TENANT, Instant.now().plus(Duration.ofMinutes(10)), maxTokens);
    attempts.addAndGet(outcome.attempts());
    return switch (outcome) {
      case CallOutcome.Completed done -> {
        if (cache.isPresent()) {
          try {
            cache.get().put(client.provider(), client.model(), hash, done.reply());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        yield replied(done.reply(), false);
      }
      case CallOutcome.Failed failed -> {
        if (failed.reason() == FallbackReason.BUDGET) {
          stopped.set(true);
          yield new FrontierAnswer.NotScored();
        }
        yield new FrontierAnswer.Failed(
            failed.reason().name(), failed.detail(), failed.costMicros());
      }
    };
  }

  private FrontierAnswer.Replied replied(LlmReply reply, boolean cached) {
    LlmReply.Usage u = reply.usage().orElseThrow(); // the caller fills an estimate when absent
    return new FrontierAnswer.Replied(
        reply.text(),
        u.inputTokens(),
        u.outputTokens(),
        prices.cost(u.inputTokens(), u.outputTokens()),
        cached,
        reply.truncated());
  }

  /** The prompt's hash without its per-render secrets (nonce, canary), so re-renders hit. */
  private static String hash(Prompt p) {
    String system = p.canary().isEmpty() ? p.system() : p.system().replace(p.canary(), "CANARY");
    String user = p.nonce().isEmpty() ? p.user() : p.user().replace(p.nonce(), "NONCE");
    return FrontierCache.promptHash(system, user);
  }

  /** The settings the session was built from (the draft prompt reads its keys too). */
  public ConfigSource config() {
    return config;
  }

  /** Provider name as the worker writes it. */
  public String provider() {
    return client.provider();
  }

  public String model() {
    return client.model();
  }

  public TokenPrices prices() {
    return prices;
  }

  /** Provider attempts made in this run (cache hits make none). */
  public int attempts() {
    return attempts.get();
  }

  public int cacheHits() {
    return cacheHits.get();
  }

  /** Whether the spend limit stopped the calls. */
  public boolean stopped() {
    return stopped.get();
  }

  /** What this run paid, micro-dollars (cached answers are free). */
  public long spentMicros() {
    return budget.spentByThisProcess();
  }

  @Override
  public void close() {
    client.close();
  }
}
