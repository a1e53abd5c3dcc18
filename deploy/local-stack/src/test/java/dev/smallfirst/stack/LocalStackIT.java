package dev.smallfirst.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.stack.junit.LocalStackExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalStackIT {

  @Test
  void shouldServeExactlyOnceStreamsRoundTrip(LocalStack stack) throws Exception {
    // Given: an input and output topic, and an exactly_once_v2 Streams app between them
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(new NewTopic("eos-in", 2, (short) 1), new NewTopic("eos-out", 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("eos-in", Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(v -> v.toUpperCase(java.util.Locale.ROOT), Named.as("upper"))
        .to("eos-out", Produced.with(Serdes.String(), Serdes.String()));
    Properties streamsConfig = new Properties();
    streamsConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, "local-stack-eos-it");
    streamsConfig.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    streamsConfig.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    streamsConfig.put(
        StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("eos-it").toString());
    streamsConfig.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

    try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig);
        KafkaProducer<String, String> producer = producer(stack);
        KafkaConsumer<String, String> consumer = readCommittedConsumer(stack)) {
      streams.start();

      // When: 200 records are produced
      for (int i = 0; i < 200; i++) {
        producer.send(new ProducerRecord<>("eos-in", "k" + i, "value-" + i));
      }
      producer.flush();

      // Then: a read_committed consumer sees each transformed record exactly once
      consumer.subscribe(List.of("eos-out"));
      Map<String, String> seen = new HashMap<>();
      List<String> duplicates = new ArrayList<>();
      await("200 committed output records")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  if (seen.put(r.key(), r.value()) != null) {
                    duplicates.add(r.key());
                  }
                }
                return seen.size() >= 200;
              });
      assertThat(duplicates).isEmpty();
      assertThat(seen).containsEntry("k7", "VALUE-7").hasSize(200);
    }
  }

  @Test
  void shouldStopWithoutLeavingProcessesOrFilesBehind() throws IOException {
    // Given: a stack of its own
    LocalStack stack = LocalStack.start(StackSettings.defaults());
    ProcessHandle registry = stack.registryProcess();
    Path workDir = stack.workDir();
    assertThat(registry.isAlive()).isTrue();

    // When
    stack.close();

    // Then
    assertThat(registry.isAlive()).isFalse();
    assertThat(workDir).doesNotExist();
  }

  @Test
  void shouldTakeTheRegistryDownWhenTheParentJvmIsKilled(@TempDir Path workDir) throws Exception {
    // Given: `smallfirst stack` running in a child JVM
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder command =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StackMain.class.getName())
            .redirectErrorStream(true);
    command.environment().put(StackSettings.WORK_DIR, workDir.toString());
    Process parent = command.start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      awaitLine(out, "Press Ctrl-C");
      Optional<ProcessHandle> registry =
          parent
              .toHandle()
              .descendants()
              .filter(p -> p.info().commandLine().orElse("").contains("quarkus-run.jar"))
              .findFirst();
      assertThat(registry).as("registry child of the stack JVM").isPresent();

      // When: the parent dies without any chance to clean up
      parent.destroyForcibly();

      // Then: its registry child does not outlive it
      await("registry process gone")
          .atMost(Duration.ofSeconds(20))
          .until(() -> !registry.get().isAlive());
    } finally {
      parent.destroyForcibly();
    }
  }

  private static void awaitLine(BufferedReader out, String marker) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      lines.add(line);
      if (line.contains(marker)) {
        return;
      }
    }
    throw new AssertionError(
        "child ended before printing '" + marker + "':\n" + String.join("\n", lines));
  }

  private static KafkaProducer<String, String> producer(LocalStack stack) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> readCommittedConsumer(LocalStack stack) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "eos-it-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
