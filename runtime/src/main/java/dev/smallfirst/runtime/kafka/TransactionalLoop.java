package dev.smallfirst.runtime.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once consume-process-produce loop every worker runs: subscribe, poll, hand the
 * records to a {@link LoopProcessor} (which writes outputs and offsets in one transaction through a
 * {@link TransactionalWriter}), pause the consumer while the processor is full, and delegate
 * rebalances (cooperative, KIP-447). Any exception out of the processor ends the loop {@link
 * LoopState#FAILED}; the uncommitted records are redone by the partitions' next owner. Runs on one
 * thread; {@link #stop()}, {@link #state()}, {@link #failure()} and {@link #hasPolled()} are
 * thread-safe.
 *
 * <pre>{@code
 * TransactionalLoop loop = new TransactionalLoop("worker", consumer, producer, topics, processor);
 * new Thread(loop).start();
 * ...
 * loop.stop();
 * loop.awaitStopped(Duration.ofSeconds(30));
 * }</pre>
 */
public final class TransactionalLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TransactionalLoop.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final List<String> topics;
  private final LoopProcessor processor;
  private final boolean initTransactions;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Set<TopicPartition> held = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;
  private volatile boolean polled;
  private volatile boolean inPoll;
  private final AtomicBoolean wakeAsked = new AtomicBoolean();
  private volatile LoopState state = LoopState.STARTING;
  private volatile Throwable failure;
  private boolean paused;

  /**
   * @param name names the loop in log lines
   * @param consumer read_committed, auto-commit off; closed by the loop
   * @param producer transactional; closed by the loop
   * @param initTransactions whether the loop calls {@code initTransactions()} first
   */
  public TransactionalLoop(
      String name,
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      List<String> topics,
      LoopProcessor processor,
      boolean initTransactions) {
    this.name = name;
    this.consumer = consumer;
    this.producer = producer;
    this.topics = List.copyOf(topics);
    this.processor = processor;
    this.initTransactions = initTransactions;
  }

  @Override
  public void run() {
    try {
      if (initTransactions) {
        producer.initTransactions();
      }
      consumer.subscribe(topics, new Rebalance());
      state = LoopState.RUNNING;
      while (running) {
        step();
      }
      state = LoopState.STOPPING;
      processor.drain();
      state = LoopState.STOPPED;
    } catch (WakeupException e) {
      // stop() woke a blocking call other than poll: stop without draining
      state = running ? LoopState.FAILED : LoopState.STOPPED;
      failure = running ? e : null;
      log.warn(
          "{} loop woken up outside poll; stopping (uncommitted records will be redone)", name);
    } catch (RuntimeException e) {
      failure = e;
      state = LoopState.FAILED;
      log.error("{} loop failed: {}", name, e.toString(), e);
    } finally {
      closeLogging("processor", processor::release);
      closeConsumer();
      closeLogging("producer", () -> producer.close(CLOSE_TIMEOUT));
      stopped.countDown();
    }
  }

  private void step() {
    flowControl();
    ConsumerRecords<byte[], byte[]> records;
    inPoll = true;
    try {
      // A wake-up asked for while the loop was busy: the work is there now, so do not wait.
      records = consumer.poll(wakeAsked.getAndSet(false) ? Duration.ZERO : processor.pollTimeout());
    } catch (WakeupException e) {
      records = ConsumerRecords.empty(); // work finished, or stop() was called
    } finally {
      inPoll = false;
    }
    polled = true;
    processor.process(records);
  }

  private void flowControl() {
    boolean full = processor.full();
    if (full) {
      if (!consumer.assignment().isEmpty()) {
        consumer.pause(consumer.assignment());
      }
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
    paused = full;
  }

  /**
   * Wakes a blocked poll, e.g. when in-flight work finished; thread-safe. Only a poll is woken:
   * while the loop is busy elsewhere the wake-up is remembered and its next poll does not wait. A
   * consumer wake-up lands on whichever blocking call comes next, so waking the consumer for every
   * finished batch made it land on the offset commit: at batch 1, with batches finishing faster
   * than a commit round trip, more than the writer retries for, and each batch of outputs was
   * dropped and redone without end.
   */
  public void wakeup() {
    wakeAsked.set(true);
    if (inPoll) {
      consumer.wakeup();
    }
  }

  /** Asks the loop to drain and stop; returns at once. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  /** Whether {@link #stop()} has not been called. */
  public boolean isRunning() {
    return running;
  }

  /** Waits until the loop has ended; true when it did within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until the loop has ended. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  public LoopState state() {
    return state;
  }

  /** Why the loop failed, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** How many partitions the consumer holds now (0 before the first assignment); thread-safe. */
  public int assignedPartitions() {
    return held.size();
  }

  /** Whether the consumer has polled at least once (it has joined or is joining the group). */
  public boolean hasPolled() {
    return polled;
  }

  /**
   * Closes the consumer, leaving the group even as a static member ({@code group.instance.id}), so
   * that its partitions move to the others at once instead of after the session timeout.
   */
  private void closeConsumer() {
    CloseOptions leave =
        CloseOptions.timeout(CLOSE_TIMEOUT)
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    try {
      consumer.close(leave);
    } catch (WakeupException e) {
      closeLogging("consumer", () -> consumer.close(leave));
    } catch (RuntimeException e) {
      log.warn("closing the {} consumer failed: {}", name, e.toString());
    }
  }

  private void closeLogging(String what, Runnable close) {
    try {
      close.run();
    } catch (RuntimeException e) {
      log.warn("closing the {} {} failed: {}", name, what, e.toString());
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        held.removeAll(partitions);
        processor.onRevoked(partitions, state == LoopState.FAILED);
        log.info("partitions revoked: {}", partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      held.removeAll(partitions);
      processor.onLost(partitions);
      log.warn("partitions lost (their uncommitted records will be redone): {}", partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      held.addAll(partitions);
      if (paused) {
        consumer.pause(partitions);
      }
      log.info("partitions assigned: {}", partitions);
    }
  }
}
