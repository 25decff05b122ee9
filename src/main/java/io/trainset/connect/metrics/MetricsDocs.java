package io.trainset.connect.metrics;

/** Renders the {@link Metric} catalog as the Markdown of {@code docs/metrics.md}. */
public final class MetricsDocs {

    private MetricsDocs() {}

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Metrics reference\n\n")
                .append("<!-- Generated from the Metric catalog by MetricsDocs; do not edit by hand. ")
                .append("Regenerate: mvn -B test -Dtest=MetricsDocsTest -Dtrainset.docs.update=true -->\n\n")
                .append("Every task of the connector publishes the metrics below, for the task and for each join unit ")
                .append("it holds (unit N joins partition N of every input topic). The names are stable: dashboards ")
                .append("and alerts may depend on them.\n");
        whereToFind(md);
        table(md, Scope.TASK, "Task metrics", "connector, task");
        table(md, Scope.UNIT, "Unit metrics", "connector, task, unit");
        tagValues(md);
        logs(md);
        return md.toString();
    }

    private static void whereToFind(StringBuilder md) {
        md.append("\n## Where to find them\n\n")
                .append("The same names, tags and values on every worker; only where they are registered differs.\n\n")
                .append("- **Connect 4.1 and later** (KIP-877): through the task's plugin metrics, so they appear ")
                .append("beside Connect's own metrics in every metrics reporter the worker has. Kafka's group is ")
                .append("`plugins`; in JMX a task metric is an attribute of ")
                .append("`kafka.connect:type=plugins,connector=<connector>,task=<task>`, a unit metric of ")
                .append("`kafka.connect:type=plugins,connector=<connector>,task=<task>,unit=<unit>`, and each ")
                .append("series of a tagged metric has its own MBean, e.g. attribute `records-read-total` of ")
                .append("`kafka.connect:type=plugins,connector=<connector>,task=<task>,side=submitted`.\n")
                .append("- **Connect 3.6 to 4.0** (no plugin metrics): JMX MBeans of the worker's platform MBean ")
                .append("server under the `trainset` domain: `trainset:type=task-metrics,connector=<connector>,")
                .append("task=<task>` (with `,side=...`, `,status=...` or `,reason=...` for a tagged series) and ")
                .append("`trainset:type=unit-metrics,connector=<connector>,task=<task>,unit=<unit>`. They are ")
                .append("unregistered when the task stops.\n")
                .append("- **Prometheus**: run the JMX exporter as a Java agent of the worker with ")
                .append("[config/prometheus-jmx-trainset.yml](../config/prometheus-jmx-trainset.yml) ")
                .append("(`KAFKA_OPTS=-javaagent:jmx_prometheus_javaagent.jar=9404:prometheus-jmx-trainset.yml`); ")
                .append("it reads both forms and names each metric `trainset_<name with underscores>` with the ")
                .append("tags as labels. [config/grafana-trainset.json](../config/grafana-trainset.json) is a ")
                .append("Grafana dashboard of them.\n\n")
                .append("Values are doubles; NaN means not known yet (no watermark, no commit). Counters count from ")
                .append("the start of the task (a restarted task starts again at 0): alert and graph on their rate ")
                .append("or increase, never their value. A task's connector and task tags are the worker's ")
                .append("(its logging context `[connector|task-N]`).\n");
    }

    private static void table(StringBuilder md, Scope scope, String title, String tags) {
        md.append("\n## ")
                .append(title)
                .append("\n\n")
                .append("Tags: ")
                .append(tags)
                .append(", and the tag named in the table.\n\n")
                .append("| Name | Type | Unit | Tags | Meaning | Alert |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Metric metric : Metric.values()) {
            if (metric.scope() == scope) {
                md.append("| `")
                        .append(metric.metricName())
                        .append("` | ")
                        .append(metric.type().label())
                        .append(" | ")
                        .append(metric.unit())
                        .append(" | ")
                        .append(tagsOf(metric))
                        .append(" | ")
                        .append(cell(metric.description()))
                        .append(" | ")
                        .append(cell(metric.alert()))
                        .append(" |\n");
            }
        }
    }

    private static String tagsOf(Metric metric) {
        Dimension dimension = metric.dimension();
        return dimension == Dimension.NONE ? "" : "`" + dimension.tag() + "`: " + String.join(", ", dimension.texts());
    }

    private static void tagValues(StringBuilder md) {
        md.append("\n## Reasons\n\n").append("| Metric | `reason` | When |\n|---|---|---|\n");
        for (Tags.DlqReason reason : Tags.DlqReason.values()) {
            md.append(row(Metric.DLQ_RECORDS, reason, reason.when()));
        }
        for (Tags.BadReason reason : Tags.BadReason.values()) {
            md.append(row(Metric.BAD_RECORDS, reason, reason.when()));
        }
        for (Tags.PauseReason reason : Tags.PauseReason.values()) {
            md.append(row(Metric.PARTITION_PAUSES, reason, reason.when()));
        }
    }

    private static void logs(StringBuilder md) {
        md.append("\n## Logs\n\n")
                .append(
                        "Each unit commit is one INFO line of `io.trainset.connect.pipeline.UnitOutput` with its files, ")
                .append("rows, latency (ms from the commit's request on the task thread to its files published) and ")
                .append("the unit's counts since it opened, e.g. `Unit 0: commit 7 with 2 files and 3100 rows in 412 ")
                .append("ms, checkpoint full, ...`. Nothing per record is logged above DEBUG; bad records are WARN ")
                .append("lines throttled per reason with a count.\n\n")
                .append(
                        "Besides Connect's logging context (MDC key `connector.context`, `[connector|task-N] `, on the ")
                .append("task thread and on the task's `trainset-writer` and `trainset-uploads` threads), the unit a ")
                .append("line concerns is in MDC key `trainset.unit` (`unit=N `) while a unit's jobs run on those ")
                .append("threads and while the task thread restores or commits it (not while it reads records). Show ")
                .append("both with a layout such as `%d %p %X{connector.context}%X{trainset.unit}%m (%c)%n` ")
                .append("(`connect-log4j2.yaml` or `connect-log4j.properties` of the worker).\n");
    }

    private static String row(Metric metric, Tags.Value reason, String when) {
        return "| `" + metric.metricName() + "` | `" + reason.text() + "` | " + cell(when) + " |\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
