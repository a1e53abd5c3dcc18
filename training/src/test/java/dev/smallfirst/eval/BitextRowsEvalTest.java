package dev.smallfirst.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.stats.Bootstrap;
import dev.smallfirst.models.trained.Classified;
import dev.smallfirst.models.trained.Extraction;
import dev.smallfirst.models.trained.Span;
import dev.smallfirst.records.Stage;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.LabeledText;
import dev.smallfirst.training.data.SpanExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluator reads rows of {@code bitext-support/train.jsonl} as they are ({@code
 * {"text","label","category","spans","response"}}), here hand-written in that format.
 */
class BitextRowsEvalTest {
  private static final EscalationPrices PRICES = new EscalationPrices(20, 12_000, 0.97);

  private static final String ROWS =
      """
      {"text": "I want to cancel order 12345", "label": "cancel_order", "category": "order", \
      "spans": [{"start": 23, "end": 28, "label": "order_id"}], "response": "I can help with {{Order Number}}."}
      {"text": "where is my refund of $40", "label": "track_refund", "category": "refund", \
      "spans": [{"start": 22, "end": 25, "label": "refund_amount"}], "response": "Let me check."}
      {"text": "I need invoice INV-778", "label": "get_invoice", "category": "invoice", \
      "spans": [{"start": 15, "end": 22, "label": "invoice_id"}], "response": "Here it is."}
      {"text": "your service is terrible", "label": "complaint", "category": "feedback", \
      "spans": [], "response": "I am sorry."}
      """;

  @TempDir Path tmp;

  private Path rows() throws Exception {
    return Files.writeString(tmp.resolve("train.jsonl"), ROWS);
  }

  private static ModelManifest manifest(Stage stage, List<String> labels) {
    return new ModelManifest(
        Path.of("m"),
        "test-" + stage,
        "1",
        stage,
        "djl",
        labels,
        200,
        1.0,
        OptionalDouble.of(0.5),
        "0".repeat(64),
        "tokenizer.json",
        Optional.empty(),
        JsonNodeFactory.instance.objectNode());
  }

  private static Classified answer(String label, double confidence) {
    return new Classified(label, confidence, confidence < 0.5, List.of(), false);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void shouldScoreClassificationByTheRowsLabelFieldWithIntervals() throws Exception {
    // Given four Bitext rows read as they are, and a model that gets three right
    List<LabeledText> data = DataChecks.read(rows(), LabeledText::parse, true, quiet());
    ModelManifest m =
        manifest(
            Stage.CLASSIFY, List.of("cancel_order", "track_refund", "get_invoice", "complaint"));
    List<Classified> out =
        List.of(
            answer("cancel_order", 0.9),
            answer("track_refund", 0.8),
            answer("get_invoice", 0.95),
            answer("cancel_order", 0.4));
    // When
    EvalReport r = ClassificationEval.report(m, data, out, "train.jsonl", PRICES);
    // Then accuracy and macro-F1 are reported, each with its interval around it
    assertThat(data).extracting(LabeledText::label).contains("cancel_order", "complaint");
    assertThat(r.headline()).containsEntry("accuracy", 0.75).containsKey("macro-F1");
    assertThat(r.intervals()).containsKeys("accuracy", "macro-F1", "ECE", "escalated");
    assertThat(r.intervals()).doesNotContainKeys("examples", "threshold");
    r.intervals()
        .forEach(
            (name, ci) ->
                assertThat(ci.contains((Double) r.headline().get(name))).as(name).isTrue());
    assertThat(r.display("accuracy")).startsWith("0.7500 [");
  }

  @Test
  void shouldMatchLowerCaseSpanLabelsToTheModelsUpperCaseTypes() throws Exception {
    // Given Bitext rows with lower-case span labels and a model emitting upper-case types
    List<SpanExample> data = DataChecks.read(rows(), SpanExample::parse, true, quiet());
    ModelManifest m = manifest(Stage.EXTRACT, List.of("ORDER_ID", "REFUND_AMOUNT", "INVOICE_ID"));
    List<Extraction> out =
        List.of(
            extraction(new Span(23, 28, "ORDER_ID", "12345", 0.9)),
            extraction(new Span(22, 25, "REFUND_AMOUNT", "$40", 0.9)),
            extraction(new Span(15, 22, "INVOICE_ID", "INV-778", 0.9)),
            extraction());
    // When
    EvalReport r = ExtractionEval.report(m, data, out, "train.jsonl", PRICES);
    // Then every span matches
    assertThat(r.headline()).containsEntry("span F1", 1.0).containsEntry("span precision", 1.0);
    assertThat(r.intervals().get("span F1")).isEqualTo(new Bootstrap.Interval(1, 1));
    assertThat(r.perClass()).extracting(ClassMetrics.PerClass::label).contains("ORDER_ID");
    assertThat(r.failures()).isEmpty();
  }

  @Test
  void shouldKeepSeveritiesWhenAnEntityTypeIsWrong() throws Exception {
    List<SpanExample> data = DataChecks.read(rows(), SpanExample::parse, true, quiet());
    ModelManifest m = manifest(Stage.EXTRACT, List.of("ORDER_ID", "AMOUNT"));
    List<Extraction> out =
        List.of(
            extraction(new Span(23, 28, "ORDER_ID", "12345", 0.9)),
            extraction(new Span(22, 25, "AMOUNT", "$40", 0.9)),
            extraction(),
            extraction());

    EvalReport r = ExtractionEval.report(m, data, out, "train.jsonl", PRICES);

    assertThat(r.failures())
        .extracting(FailureGroup::mode, FailureGroup::severity)
        .containsExactlyInAnyOrder(
            tuple("wrong label", Severity.SEVERE), tuple("missed", Severity.SEVERE));
  }

  @Test
  void shouldWriteIntervalsAndMacroF1IntoTheJsonAndHtmlReport() throws Exception {
    List<LabeledText> data = DataChecks.read(rows(), LabeledText::parse, true, quiet());
    ModelManifest m = manifest(Stage.CLASSIFY, List.of("cancel_order", "track_refund"));
    List<Classified> out =
        List.of(
            answer("cancel_order", 0.9),
            answer("track_refund", 0.8),
            answer("track_refund", 0.3),
            answer("cancel_order", 0.4));
    EvalReport r = ClassificationEval.report(m, data, out, "train.jsonl", PRICES);

    ReportWriter.write(r, tmp.resolve("report"));

    @SuppressWarnings("unchecked")
    Map<String, Object> ci =
        (Map<String, Object>) ReportWriter.summary(r).get("confidenceIntervals");
    assertThat(ci).containsEntry("level", 0.95).containsEntry("resamples", 1000);
    assertThat(r.intervals()).containsKeys("in-scope accuracy", "macro-F1");
    assertThat(ci.get("intervals")).isEqualTo(r.intervals());
    assertThat(Files.readString(tmp.resolve("report/summary.json")))
        .contains("\"macro-F1\"", "\"confidenceIntervals\"", "\"low\"");
    assertThat(Files.readString(tmp.resolve("report/index.html")))
        .contains("macro-F1", "bootstrap 95% interval", "in-scope accuracy");
  }

  private static Extraction extraction(Span... spans) {
    return new Extraction(List.of(spans), 0.9, false, false);
  }
}
