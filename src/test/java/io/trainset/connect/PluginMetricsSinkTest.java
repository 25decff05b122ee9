package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.Tags;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.TestClock;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against Kafka's own plugin metrics (what a Connect 4.1+ worker hands a task: group plugins, tags
 * connector and task), with the JMX reporter Connect configures (prefix kafka.connect).
 */
class PluginMetricsSinkTest {

    private final TestClock clock = TestClock.atMillis(9_000_000);
    private final Metrics kafka = new Metrics(
            new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM, new KafkaMetricsContext("kafka.connect"));
    private final PluginMetricsImpl plugin = new PluginMetricsImpl(kafka, taskTags("sink-ds", "1"));

    @AfterEach
    void close() throws Exception {
        plugin.close();
        kafka.close();
    }

    @Test
    void valuesReadBackThroughKafkaMetricsEqualWhatWasRecorded() {
        try (TaskMetrics metrics = new TaskMetrics(clock, new PluginMetricsSink(plugin))) {
            metrics.add(Metric.RECORDS_READ, Tags.Side.SUBMITTED, 11);
            metrics.increment(Metric.DLQ_RECORDS, Tags.DlqReason.ORPHAN);
            metrics.set(Metric.PAUSED_PARTITIONS, 2);
            for (long latency : new long[] {5, 10, 20, 40, 1000}) {
                metrics.committed(latency);
            }
            metrics.openUnit(3).set(Metric.SPILL_BYTES, 4096);

            assertThat(value("records-read-total", Map.of("side", "submitted"))).isEqualTo(11.0);
            assertThat(value("records-read-total", Map.of("side", "resolved"))).isEqualTo(0.0);
            assertThat(value("dlq-records-total", Map.of("reason", "orphan"))).isEqualTo(1.0);
            assertThat(value("paused-partitions", Map.of())).isEqualTo(2.0);
            assertThat(value("commits-total", Map.of())).isEqualTo(5.0);
            assertThat(value("commit-latency-ms-total", Map.of())).isEqualTo(1075.0);
            assertThat(value("commit-latency-ms-p50", Map.of())).isEqualTo(20.0);
            assertThat(value("commit-latency-ms-p95", Map.of())).isEqualTo(1000.0);
            assertThat(value("commit-latency-ms-max", Map.of())).isEqualTo(1000.0);
            assertThat(value("spill-bytes", Map.of("unit", "3"))).isEqualTo(4096.0);
            assertThat(kafka.metrics()
                            .get(name("spill-bytes", Map.of("unit", "3")))
                            .metricName()
                            .description())
                    .isEqualTo(Metric.SPILL_BYTES.description());
        }
        assertThat(kafka.metrics().keySet()).noneMatch(name -> name.group().equals("plugins"));
    }

    @Test
    void connectsJmxNamesAreTheDocumentedOnes() throws Exception {
        try (TaskMetrics metrics = new TaskMetrics(clock, new PluginMetricsSink(plugin))) {
            metrics.add(Metric.ROWS_WRITTEN, Tags.Status.JOINED, 6);
            metrics.openUnit(0).set(Metric.WATERMARK, 8_000_000);
            var server = ManagementFactory.getPlatformMBeanServer();
            assertThat(server.getAttribute(
                            new ObjectName("kafka.connect:type=plugins,connector=sink-ds,task=1,status=joined"),
                            "rows-written-total"))
                    .isEqualTo(6.0);
            assertThat(server.getAttribute(
                            new ObjectName("kafka.connect:type=plugins,connector=sink-ds,task=1,unit=0"),
                            "watermark-ms"))
                    .isEqualTo(8_000_000.0);
            assertThat(server.getAttribute(
                            new ObjectName("kafka.connect:type=plugins,connector=sink-ds,task=1"), "commits-total"))
                    .isEqualTo(0.0);
        }
    }

    @Test
    void stoppingAfterTheWorkerClosedThePluginMetricsFailsNothing() throws Exception {
        TaskMetrics metrics = new TaskMetrics(clock, new PluginMetricsSink(plugin));
        metrics.openUnit(0);
        plugin.close();
        metrics.close();
        assertThat(kafka.metrics().keySet()).noneMatch(name -> name.group().equals("plugins"));
    }

    @Test
    void aMetricTheWorkerRefusesIsLeftOutAndTheRestRegistered() {
        kafka.addMetric(kafka.metricName("commits-total", "plugins", "", taskTags("sink-ds", "1")), (Measurable)
                (config, now) -> -1);
        try (LogCapture log = new LogCapture(PluginMetricsSink.class.getName());
                TaskMetrics metrics = new TaskMetrics(clock, new PluginMetricsSink(plugin))) {
            metrics.increment(Metric.FILES_UPLOADED);
            assertThat(value("files-uploaded-total", Map.of())).isEqualTo(1.0);
            assertThat(value("commits-total", Map.of())).isEqualTo(-1.0);
            assertThat(log.messages())
                    .singleElement()
                    .asString()
                    .startsWith("Could not register 1 of the ")
                    .contains("A metric named")
                    .endsWith("the task goes on without them");
        }
    }

    private double value(String metric, Map<String, String> tags) {
        return (Double) kafka.metrics().get(name(metric, tags)).metricValue();
    }

    private MetricName name(String metric, Map<String, String> tags) {
        return plugin.metricName(metric, "", new LinkedHashMap<>(tags));
    }

    /** The tags Connect's ConnectMetrics.taskPluginMetrics gives a task's plugin metrics. */
    private static Map<String, String> taskTags(String connector, String task) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", task);
        return tags;
    }
}
