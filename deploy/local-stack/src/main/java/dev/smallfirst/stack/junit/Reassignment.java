package dev.smallfirst.stack.junit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures how long a consumer group's partitions go without a live owner after a member is killed:
 * take a {@link #snapshot} just before the kill, then {@link #awaitNewOwners} returns the time
 * until every partition of the topic is held by members that joined after it. A static member
 * ({@code group.instance.id}) that rejoins gets a new member id, so it counts as new. For tests
 * that report the figure; nothing should assert on it. Not thread-safe.
 */
public final class Reassignment implements AutoCloseable {
  private final Admin admin;
  private final String groupId;
  private final String topic;
  private final int partitions;
  private final Set<String> membersBefore;
  private final long since;

  private Reassignment(Admin admin, String groupId, String topic, int partitions)
      throws ExecutionException, InterruptedException {
    this.admin = admin;
    this.groupId = groupId;
    this.topic = topic;
    this.partitions = partitions;
    this.membersBefore = new HashSet<>();
    describe().members().forEach(m -> membersBefore.add(m.consumerId()));
    this.since = System.nanoTime();
  }

  /** The group's members now; call just before the kill. */
  public static Reassignment snapshot(
      String bootstrap, String groupId, String topic, int partitions) throws Exception {
    Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    try {
      return new Reassignment(admin, groupId, topic, partitions);
    } catch (ExecutionException | InterruptedException | RuntimeException e) {
      admin.close();
      throw e;
    }
  }

  /** Waits until new members hold all partitions of the topic; the time since the snapshot. */
  public Duration awaitNewOwners(Duration atMost) {
    await(
            "every partition of %s owned by a member of %s that joined after the kill"
                .formatted(topic, groupId))
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ownedByNewMembers() >= partitions);
    return Duration.ofNanos(System.nanoTime() - since);
  }

  private long ownedByNewMembers() throws ExecutionException, InterruptedException {
    Set<TopicPartition> owned = new HashSet<>();
    for (MemberDescription m : describe().members()) {
      if (!membersBefore.contains(m.consumerId())) {
        m.assignment().topicPartitions().stream()
            .filter(tp -> tp.topic().equals(topic))
            .forEach(owned::add);
      }
    }
    return owned.size();
  }

  private ConsumerGroupDescription describe() throws ExecutionException, InterruptedException {
    return admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get();
  }

  @Override
  public void close() {
    admin.close();
  }
}
