package dev.smallfirst.topology;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.routing.InvalidPolicyException;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.PolicyHolder;
import dev.smallfirst.topology.routing.PolicyParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./smallfirst policy check FILE} validates a routing policy document; {@code ./smallfirst
 * policy publish FILE [--config FILE]} validates it and publishes it to the compacted policy topic,
 * where every running topology picks it up.
 */
public final class PolicyMain {
  private PolicyMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !(args[0].equals("check") || args[0].equals("publish"))) {
      System.err.println(
          "usage: smallfirst policy check FILE\n"
              + "       smallfirst policy publish FILE [--config FILE]   (bootstrap.servers, topic.prefix)");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    String text;
    PolicyDocument policy;
    try {
      text = Files.readString(file);
      policy = PolicyParser.parse(text);
    } catch (NoSuchFileException e) {
      System.err.println("smallfirst policy: no such file " + file);
      System.exit(2);
      return;
    } catch (InvalidPolicyException e) {
      System.err.println("smallfirst policy: " + file + " is invalid: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.printf(
        "%s: valid policy version %d (%d intent rules, %d tenants)%n",
        file, policy.version(), policy.intents().size(), policy.tenants().size());
    if (args[0].equals("publish")) {
      Optional<Path> config =
          args.length >= 4 && args[2].equals("--config")
              ? Optional.of(Path.of(args[3]))
              : Optional.empty();
      publish(text, policy, ConfigSource.load(config, System.getenv()));
    }
  }

  private static void publish(String text, PolicyDocument policy, ConfigSource config)
      throws IOException, InterruptedException {
    String bootstrap;
    TopicNames topics;
    try {
      bootstrap = config.required("bootstrap.servers");
      topics = TopicNames.withPrefix(config.string(TopicNames.PREFIX_KEY, ""));
    } catch (ConfigException e) {
      System.err.println("smallfirst policy: bad setting " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, Object> producerConfig = new java.util.HashMap<>(config.kafkaOverrides());
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      RecordMetadata at =
          producer
              .send(new ProducerRecord<>(topics.policy(), PolicyHolder.KEY, text))
              .get(30, TimeUnit.SECONDS);
      System.out.printf(
          "published version %d to %s/%d@%d%n",
          policy.version(), at.topic(), at.partition(), at.offset());
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("could not publish to " + topics.policy() + " at " + bootstrap, e);
    }
  }
}
