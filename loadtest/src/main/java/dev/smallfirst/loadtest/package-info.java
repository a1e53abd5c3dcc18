/**
 * The load test as a library: push open-loop load through a running cluster ({@link LoadRun}),
 * correlate the replies and dead letters with the messages sent, and get the {@link LoadReport}
 * (latency from intended send times, duplicates, routes, cost), printed ({@link ConsoleReport}) or
 * written as JSON and HTML ({@link ReportWriter}). {@link StepLoad} raises the rate until an SLO
 * breaks. The sender and the reply tracker are package-private; {@code ./smallfirst loadtest}
 * ({@code cli}) and the demo are callers of this package.
 *
 * <pre>{@code
 * LoadRun.Plan plan =
 *     new LoadRun.Plan(
 *         "localhost:9092", TopicNames.withPrefix(""), 2_000,
 *         ArrivalSchedule.poisson(50, 42), Duration.ofMinutes(2));
 * ProgressBar bar = ProgressBar.on(System.err, "");
 * LoadReport report =
 *     LoadRun.run(plan, registry, new TicketMessages(42, "run-1", "demo", Clock.systemUTC()), bar);
 * bar.done();
 * System.out.print(ConsoleReport.summary(report));
 * ReportWriter.writeJson(report, Path.of("report.json"));
 * }</pre>
 */
package dev.smallfirst.loadtest;
