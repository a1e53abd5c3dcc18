package dev.smallfirst.topology.kafka;

import dev.smallfirst.records.Stage;
import java.util.Locale;

/** Names of the topology's nodes and stores: stable, so tests and dashboards can rely on them. */
public final class Names {
  public static final String INFLIGHT_STORE = "inflight";
  public static final String ANSWERED_STORE = "answered";
  public static final String POLICY_STORE = "policy";

  public static final String MESSAGES_SOURCE = "messages-source";
  public static final String RESULTS_SOURCE = "stage-results-source";
  public static final String ESCALATION_RESULTS_SOURCE = "escalation-results-source";
  public static final String POLICY_SOURCE = "policy-source";

  public static final String VALIDATE = "validate-and-fan-out";
  public static final String AGGREGATE = "aggregate-stage-results";
  public static final String FINALIZE = "finalize-escalations";
  public static final String POLICY_UPDATER = "policy-updater";

  public static final String ESCALATIONS_SINK = "escalations-sink";
  public static final String REPLIES_SINK = "replies-sink";
  public static final String DLQ_SINK = "dead-letters-sink";

  private Names() {}

  /** The sink of a stage's request topic. */
  public static String requestSink(Stage stage) {
    return stage.name().toLowerCase(Locale.ROOT) + "-requests-sink";
  }
}
