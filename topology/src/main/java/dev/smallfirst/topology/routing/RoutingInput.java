package dev.smallfirst.topology.routing;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.util.Set;

/**
 * What the routing policy looks at for one message. Absent stage outputs are null and listed in
 * {@code missingStages}.
 *
 * @param tenantId the message's tenant
 * @param audience who reads the reply first
 * @param tier the customer's tier
 * @param intent the classified intent, or null when classification is missing
 * @param intentConfidence calibrated intent confidence, or null when missing
 * @param sentiment the message's sentiment, or null when missing
 * @param sentimentConfidence calibrated sentiment confidence, or null when missing
 * @param draftConfidence the small draft's confidence, or null when there is no draft
 * @param missingStages stages that failed or timed out
 */
public record RoutingInput(
    String tenantId,
    Audience audience,
    CustomerTier tier,
    String intent,
    Double intentConfidence,
    SentimentLabel sentiment,
    Double sentimentConfidence,
    Double draftConfidence,
    Set<Stage> missingStages) {

  public RoutingInput {
    missingStages = Set.copyOf(missingStages);
  }

  /** An input whose sentiment confidence is unknown. */
  public RoutingInput(
      String tenantId,
      Audience audience,
      CustomerTier tier,
      String intent,
      Double intentConfidence,
      SentimentLabel sentiment,
      Double draftConfidence,
      Set<Stage> missingStages) {
    this(
        tenantId,
        audience,
        tier,
        intent,
        intentConfidence,
        sentiment,
        null,
        draftConfidence,
        missingStages);
  }
}
