package dev.smallfirst.worker.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.encoder.SharedEncoders;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import dev.smallfirst.worker.WorkerApp;
import dev.smallfirst.worker.WorkerSettings;
import dev.smallfirst.worker.batching.InferencePool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, not a test (nothing is asserted; {@code ./smallfirst test} does not run it): the
 * classify worker through Kafka on the real local broker and registry, at batch sizes 1, 8, 32 and
 * 128 on the same model. Per batch size:
 *
 * <ol>
 *   <li><b>model only</b>: requests/s of the inference pool alone, no Kafka;
 *   <li><b>drain</b>: a backlog of {@code bench.requests} requests, requests/s from the first
 *       committed result to the last (exactly-once, read_committed);
 *   <li><b>latency</b>: open-loop load at {@code bench.rate} requests/s for {@code bench.seconds},
 *       p50/p99 from each request's intended send time to its committed result being read (no
 *       coordinated omission).
 * </ol>
 *
 * Run with {@code ./smallfirst bench worker} (options: {@code
 * -Dbench.stage=classify|extract|sentiment|draft} (default classify) with its default model, {@code
 * -Dbench.model=DIR} for another (default: the committed default classifier, {@code
 * models/classify}; the TorchScript fixture is {@code src/test/resources/torchscript/classify})
 * classify model, {@code -Dbench.requests}, {@code -Dbench.rate}, {@code -Dbench.seconds}, {@code
 * -Dbench.batches=1,8,32,128}, {@code -Dbench.threads}, {@code -Dbench.texts=FILE}: the requests'
 * texts from a JSONL file, see {@link #text}). Results go to stdout and {@code
 * model-workers/target/worker-benchmark.json}.
 */
@ExtendWith(LocalStackExtension.class)
class WorkerBenchmark {
  private static final int PARTITIONS = 4;
  private static final Stage STAGE =
      StageCatalogue.parseSmallModel(System.getProperty("bench.stage", "classify"));

  @Test
  void measureThroughputAndLatencyByBatchSize(LocalStack stack) throws Exception {
    Path model = Path.of(System.getProperty("bench.model", "models/" + StageCatalogue.id(STAGE)));
    int requests = Integer.getInteger("bench.requests", 20_000);
    int rate = Integer.getInteger("bench.rate", 500);
    int seconds = Integer.getInteger("bench.seconds", 10);
    int threads = Integer.getInteger("bench.threads", 1);
    List<Integer> batches =
        java.util.Arrays.stream(System.getProperty("bench.batches", "1,8,32,128").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    List<String> rows = new ArrayList<>();
    double batchOne = Double.NaN;
    for (int batch : batches) {
      double modelOnly = modelOnly(model, batch, threads, requests);
      Row row = throughKafka(stack, model, batch, threads, requests, rate, seconds);
      if (batch == 1) {
        batchOne = row.drainPerSecond;
      }
      String json =
          String.format(
              Locale.ROOT,
              "{\"batch\":%d,\"model_only_per_s\":%.0f,\"kafka_per_s\":%.0f,\"speedup_vs_batch1\":%.2f,"
                  + "\"mean_batch\":%.1f,\"offered_per_s\":%d,\"p50_ms\":%.1f,\"p99_ms\":%.1f,"
                  + "\"max_ms\":%.1f,\"answered\":%d}",
              batch,
              modelOnly,
              row.drainPerSecond,
              row.drainPerSecond / batchOne,
              row.meanBatch,
              rate,
              row.latency.getValueAtPercentile(50) / 1e3,
              row.latency.getValueAtPercentile(99) / 1e3,
              row.latency.getMaxValue() / 1e3,
              row.latency.getTotalCount());
      System.out.println("WORKER BENCHMARK step " + json);
      rows.add(json);
    }
    String json =
        "{\"machine\":\""
            + Runtime.getRuntime().availableProcessors()
            + " cores, CPU\",\"date\":\""
            + Instant.now()
            + "\",\"model\":\""
            + model.getFileName()
            + "\",\"inference_threads\":"
            + threads
            + ",\"requests\":"
            + requests
            + ",\"steps\":["
            + String.join(",", rows)
            + "]}";
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/worker-benchmark.json"), json);
    System.out.println("WORKER BENCHMARK " + json);
  }

  /** {@code batch} distinct inputs, requests {@code from} onwards. */
  private static List<StageInput> inputs(int batch, int from) {
    List<StageInput> inputs = new ArrayList<>(batch);
    for (int i = from; i < from + batch; i++) {
      inputs.add(StageInput.of(text(i)));
    }
    return inputs;
  }

  private record Row(double drainPerSecond, double meanBatch, Histogram latency) {}

  /** Requests/s of the model alone at {@code batch}, after a warm-up pass. */
  private static double modelOnly(Path dir, int batch, int threads, int requests) throws Exception {
    try (StageModel model = ModelLoaders.standard().load(dir, STAGE, LoadOptions.defaults());
        InferencePool pool = new InferencePool(model, threads, List.of(), System::nanoTime)) {
      int rounds = Math.max(1, requests / batch / 4);
      for (int i = 0; i < 20; i++) {
        pool.submit(inputs(batch, (rounds + i) * batch)).get(); // warm-up, texts the rounds lack
      }
      List<List<StageInput>> batches = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        batches.add(inputs(batch, i * batch));
      }
      long start = System.nanoTime();
      List<CompletableFuture<?>> pending = new ArrayList<>();
      for (List<StageInput> inputs : batches) {
        pending.add(pool.submit(inputs));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get();
      return rounds * (double) batch / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static Row throughKafka(
      LocalStack stack, Path model, int batch, int threads, int requests, int rate, int seconds)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix("wbench-" + batch + ".");
    createTopics(stack, topics);
    Map<String, String> c = new HashMap<>();
    c.put("stage", StageCatalogue.id(STAGE));
    c.put("model.dir", model.toString());
    c.put("bootstrap.servers", stack.bootstrapServers());
    c.put("schema.registry.url", stack.registryUrl());
    c.put("topic.prefix", topics.prefix());
    // the local stack has one broker
    c.put("topic.replication.factor", "1");
    c.put("worker.id", "bench-" + batch);
    c.put("http.port", "-1");
    c.put("batch.max.size", String.valueOf(batch));
    c.put("batch.max.delay.ms", System.getProperty("bench.max.delay.ms", "5"));
    c.put("inference.threads", String.valueOf(threads));
    try (SchemaRegistryClient registry =
            SchemaRegistryClient.create(RegistrySettings.of(stack.registryUrl()));
        KafkaProducer<String, StageRequest> producer = producer(stack, registry);
        KafkaConsumer<String, StageResult> results = consumer(stack, registry, topics)) {
      String in = topics.stageRequests(STAGE);
      Instant deadline = Instant.now().plus(Duration.ofHours(1));
      for (int i = 0; i < requests; i++) {
        StageRequest r = request(i, "p", deadline);
        producer.send(new ProducerRecord<>(in, r.getTicketId(), r));
      }
      producer.flush();
      results.subscribe(List.of(topics.stageResults(STAGE)));
      try (WorkerApp worker = WorkerApp.start(WorkerSettings.from(ConfigSource.of(c)))) {
        long first = 0;
        long last = 0;
        int seen = 0;
        long batchSum = 0;
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (seen < requests && System.nanoTime() < until) {
          for (ConsumerRecord<String, StageResult> r : results.poll(Duration.ofMillis(20))) {
            last = System.nanoTime();
            if (seen++ == 0) {
              first = last;
            }
            batchSum += r.value().getBatchSize();
          }
        }
        double drain = (seen - 1) / ((last - first) / 1e9);
        System.out.println(
            "WORKER BENCHMARK drained batch " + batch + ", worker " + worker.state());
        Histogram latency = openLoop(producer, results, in, rate, seconds);
        return new Row(drain, batchSum / (double) seen, latency);
      }
    }
  }

  /** Open loop: request i is due at start + i/rate whatever happened before. */
  private static Histogram openLoop(
      KafkaProducer<String, StageRequest> producer,
      KafkaConsumer<String, StageResult> results,
      String topic,
      int rate,
      int seconds)
      throws InterruptedException {
    int total = rate * seconds;
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    Thread sender =
        new Thread(
            () -> {
              long startMicros = nowMicros();
              Instant deadline = Instant.now().plus(Duration.ofHours(1));
              for (int i = 0; i < total; i++) {
                long intended = startMicros + (long) (i * 1e6 / rate);
                long wait = intended - nowMicros();
                if (wait > 0) {
                  LockSupport.parkNanos(wait * 1_000);
                }
                StageRequest r = request(i, "b" + i + "@" + intended + "-", deadline);
                producer.send(new ProducerRecord<>(topic, r.getTicketId(), r));
              }
              producer.flush();
            },
            "bench-sender");
    sender.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60L);
    while (latency.getTotalCount() < total && System.nanoTime() < until) {
      for (ConsumerRecord<String, StageResult> r : results.poll(Duration.ofMillis(10))) {
        String id = r.value().getMessageId();
        if (id.startsWith("b")) {
          long intended = Long.parseLong(id.substring(id.indexOf('@') + 1, id.indexOf('-')));
          latency.recordValue(Math.max(0, nowMicros() - intended));
        }
      }
    }
    sender.join();
    return latency;
  }

  /**
   * The text of request {@code i}: with {@code -Dbench.texts=FILE} (JSONL with a {@code text}
   * field, e.g. real support requests), the file's distinct texts in a fixed shuffled order (seed
   * 42), cycling; else six kinds of request, each text distinct by a number from {@code i}. Texts
   * that repeat within the encoder's memo of recent texts (one pass per text for classify and
   * sentiment, 4,096 texts) would measure the memo, not the model: with six texts, classify read
   * 4,374 req/s instead of about 500. So a file must hold more than 4,096 texts, and a cycle then
   * repeats none the memo still holds.
   */
  private static String text(int i) {
    if (FILE_TEXTS != null) {
      return FILE_TEXTS.get(i % FILE_TEXTS.size());
    }
    List<String> templates =
        List.of(
            "Hi, where is my order ORD-%07d? It was supposed to arrive on 2024-03-15.",
            "I want a refund for order ORD-%07d, the coffee maker arrived broken. This is terrible.",
            "please cancel order ORD-%07d before it ships",
            "I cannot log in to my account %d since yesterday",
            "why was my card charged $49.99 twice? see invoice INV-%d",
            "does the standing desk come in black? my customer number is %d, you are great");
    return templates.get(i % templates.size()).formatted(1_000_000 + i);
  }

  private static final List<String> FILE_TEXTS = fileTexts(System.getProperty("bench.texts"));

  private static List<String> fileTexts(String file) {
    if (file == null || file.isBlank()) {
      return null;
    }
    try {
      ObjectMapper json = new ObjectMapper();
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of(file))) {
        if (!line.isBlank()) {
          out.add(json.readTree(line).path("text").asText());
        }
      }
      // Data files are often grouped by label; the model-only step reads the first quarter.
      List<String> distinct = new ArrayList<>(new LinkedHashSet<>(out));
      Collections.shuffle(distinct, new Random(42));
      if (distinct.size() <= SharedEncoders.DEFAULT_MEMO) {
        throw new IllegalArgumentException(
            "bench.texts: "
                + file
                + " holds "
                + distinct.size()
                + " distinct texts; more than "
                + SharedEncoders.DEFAULT_MEMO
                + " are needed, or the encoder's memo answers the repeats");
      }
      return List.copyOf(distinct);
    } catch (IOException e) {
      throw new UncheckedIOException("bench.texts: cannot read " + file, e);
    }
  }

  private static StageRequest request(int i, String idPrefix, Instant deadline) {
    return StageRequest.newBuilder()
        .setMessageId(idPrefix + i)
        .setTicketId("t" + (i % 512))
        .setTenantId("acme")
        .setStage(STAGE)
        .setText(text(i))
        .setContext(null)
        .setAttempt(1)
        .setRequestedAt(Instant.now())
        .setDeadline(deadline)
        .build();
  }

  private static void createTopics(LocalStack stack, TopicNames topics) throws Exception {
    List<String> names =
        List.of(topics.stageRequests(STAGE), topics.stageResults(STAGE), topics.deadLetters());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin
          .createTopics(names.stream().map(n -> new NewTopic(n, PARTITIONS, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  admin.describeTopics(names).allTopicNames().get().values().stream()
                      .flatMap(d -> d.partitions().stream())
                      .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }
  }

  private static KafkaProducer<String, StageRequest> producer(
      LocalStack stack, SchemaRegistryClient registry) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG,
            1,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            1),
        new StringSerializer(),
        SpecificAvroSerde.of(registry, StageRequest.class, false, SerdeOptions.defaults())
            .serializer());
  }

  private static KafkaConsumer<String, StageResult> consumer(
      LocalStack stack, SchemaRegistryClient registry, TopicNames topics) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            topics.prefix() + "bench",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            2_000),
        new StringDeserializer(),
        SpecificAvroSerde.of(registry, StageResult.class, false, SerdeOptions.defaults())
            .deserializer());
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
