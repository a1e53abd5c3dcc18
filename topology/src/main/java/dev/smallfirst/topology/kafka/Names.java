package dev.smallfirst.topology.kafka;

import dev.smallfirst.records.Stage;
import java.util.Locale;

/** Names of the topology's nodes and stores: stable, so tests and dashboards can rely on them. */
public final class Names {
  public static final String MESSAGES_SOURCE = source("messages");
  public static final String RESULTS_SOURCE = source("stage-results");
  public static final String ESCALATION_RESULTS_SOURCE = source("escalation-results");
  public static final String POLICY_SOURCE = source("policy");

  public static final String ESCALATIONS_SINK = sink("escalations");
  public static final String REPLIES_SINK = sink("replies");
  public static final String DLQ_SINK = sink("dead-letters");
  public static final String REKEY_SINK = sink("rekeyed-messages");

  public static final String INFLIGHT_STORE = "inflight";
  public static final String ANSWERED_STORE = "answered";
  public static final String POLICY_STORE = "policy";

  public static final String VALIDATE = "validate-and-fan-out";
  public static final String AGGREGATE = "aggregate-stage-results";
  public static final String FINALIZE = "finalize-escalations";
  public static final String POLICY_UPDATER = "policy-updater";

  private Names() {}

  /** The sink of a stage's request topic. */
  public static String requestSink(Stage stage) {
    return sink(stage.name().toLowerCase(Locale.ROOT) + "-requests");
  }

  // Every source and sink is named after what it reads or writes, with the kind as suffix.
  private static String source(String what) {
    return what + "-source";
  }

  private static String sink(String what) {
    return what + "-sink";
  }
}
