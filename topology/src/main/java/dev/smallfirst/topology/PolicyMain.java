package dev.smallfirst.topology;

import dev.smallfirst.runtime.cli.Commands;
import dev.smallfirst.runtime.cli.ConfigOption;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.routing.InvalidPolicyException;
import dev.smallfirst.topology.routing.ModelPolicy;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.PolicyHolder;
import dev.smallfirst.topology.routing.PolicyParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./smallfirst policy check FILE} validates a routing policy document; {@code ./smallfirst
 * policy publish FILE [--config FILE]} validates it and publishes it to the compacted policy topic,
 * where every running topology picks it up; {@code ./smallfirst policy from-models --models DIR
 * --out FILE} writes a policy whose confidence minimums are the deployed models' manifest
 * thresholds ({@link ModelPolicy}). Exit status: 1 for an invalid policy, a model without a
 * threshold or a failed publish, 2 for bad arguments, a missing file or bad settings.
 */
@Command(
    name = "smallfirst policy",
    mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class,
    description = "Checks or publishes a routing policy document.",
    subcommands = {PolicyMain.Check.class, PolicyMain.Publish.class, PolicyMain.FromModels.class})
public final class PolicyMain {

  public static void main(String[] args) {
    System.exit(Commands.execute(new PolicyMain(), args));
  }

  /** {@code check FILE}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Validates a routing policy document.")
  static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the policy document")
    Path file;

    @Override
    public Integer call() throws IOException {
      try {
        validate(file);
        return 0;
      } catch (Rejected e) {
        return e.exit;
      }
    }
  }

  /** {@code publish FILE [--config FILE]}. */
  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = "Validates a routing policy document and publishes it to the policy topic.",
      footer = "Settings: bootstrap.servers, topic.prefix (file or SMALLFIRST_* environment)")
  static final class Publish implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the policy document")
    Path file;

    @Mixin ConfigOption config;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Validated policy;
      try {
        policy = validate(file);
      } catch (Rejected e) {
        return e.exit;
      }
      publish(policy.text(), policy.document(), config.load());
      return 0;
    }
  }

  /** {@code from-models --models DIR --out FILE [--version N] [--customer-facing B] ...}. */
  @Command(
      name = "from-models",
      mixinStandardHelpOptions = true,
      description =
          "Writes a routing policy whose minimum confidences are the thresholds in the models'"
              + " manifests (DIR/classify, DIR/extract, DIR/sentiment, DIR/draft).")
  static final class FromModels implements Callable<Integer> {
    @Option(names = "--models", required = true, paramLabel = "DIR", description = "models")
    Path models;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "policy file")
    Path out;

    @Option(names = "--version", paramLabel = "N", description = "document version (default 1)")
    long version = 1;

    @Option(
        names = "--customer-facing",
        paramLabel = "true|false",
        arity = "1",
        description = "default of escalateCustomerFacing (default true)")
    boolean customerFacing = true;

    @Option(
        names = "--polish-intent",
        paramLabel = "INTENT",
        description =
            "polish customer-facing replies of the classify labels equal to INTENT or in its"
                + " category INTENT.* (repeatable)")
    List<String> polishIntents = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      if (version < 1) {
        System.err.println("smallfirst policy from-models: --version must be positive");
        return Commands.BAD_USAGE;
      }
      try {
        String policy =
            ModelPolicy.generate(
                models, new ModelPolicy.Options(version, customerFacing, polishIntents));
        if (out.toAbsolutePath().getParent() != null) {
          Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, policy);
      } catch (InvalidPolicyException e) {
        System.err.println("smallfirst policy from-models: " + e.getMessage());
        return Commands.FAILED;
      }
      System.out.printf("%s: policy version %d from the models in %s%n", out, version, models);
      return 0;
    }
  }

  private record Validated(String text, PolicyDocument document) {}

  /** The policy file is missing or invalid (already reported); {@code exit} is the status. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final int exit;

    Rejected(int exit) {
      super(null, null, false, false);
      this.exit = exit;
    }
  }

  /** Reads and parses {@code file}, printing the verdict. */
  private static Validated validate(Path file) throws IOException, Rejected {
    String text;
    PolicyDocument policy;
    try {
      text = Files.readString(file);
      policy = PolicyParser.parse(text);
    } catch (NoSuchFileException e) {
      System.err.println("smallfirst policy: no such file " + file);
      throw new Rejected(Commands.BAD_USAGE);
    } catch (InvalidPolicyException e) {
      System.err.println("smallfirst policy: " + file + " is invalid: " + e.getMessage());
      throw new Rejected(Commands.FAILED);
    }
    System.out.printf(
        "%s: valid policy version %d (%d intent rules, %d tenants)%n",
        file, policy.version(), policy.intents().size(), policy.tenants().size());
    return new Validated(text, policy);
  }

  private static void publish(String text, PolicyDocument policy, ConfigSource config)
      throws IOException, InterruptedException {
    String bootstrap = config.required("bootstrap.servers");
    TopicNames topics = TopicNames.withPrefix(config.string(TopicNames.PREFIX_KEY, ""));
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
