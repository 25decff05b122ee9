package io.trainset.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog is the one source of the metrics' names: unique, Kafka-style, documented, consistent. */
class MetricCatalogTest {

    @Test
    void namesAreUniqueKebabCaseAndCountersEndInTotal() {
        List<String> names =
                Arrays.stream(Metric.values()).map(Metric::metricName).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"));
        assertThat(Metric.values())
                .allSatisfy(metric -> assertThat(metric.metricName().endsWith("-total"))
                        .as(metric.metricName())
                        .isEqualTo(metric.type() == Reading.Type.COUNTER));
    }

    @Test
    void everyMetricHasAUnitAndAMeaningAndTheAlertsSaySomething() {
        assertThat(Metric.values()).allSatisfy(metric -> {
            assertThat(metric.unit()).as(metric.metricName()).isNotBlank();
            assertThat(metric.description())
                    .as(metric.metricName())
                    .endsWith(".")
                    .hasSizeGreaterThan(30);
            assertThat(metric.alert().isEmpty() || metric.alert().endsWith("."))
                    .as(metric.metricName())
                    .isTrue();
        });
        assertThat(Arrays.stream(Metric.values()).filter(Metric::alertable))
                .contains(
                        Metric.CHECKPOINT_AGE,
                        Metric.EVENT_TIME_LAG,
                        Metric.DLQ_RECORDS,
                        Metric.BAD_RECORDS,
                        Metric.COMMIT_LATENCY_P99);
    }

    @Test
    void onlyCountersAreTaggedBeyondTheirScopeAndAgesAreMeasuredFromAGaugeOfTheirScope() {
        assertThat(Metric.values())
                .filteredOn(metric -> metric.dimension() != Dimension.NONE)
                .allMatch(metric -> metric.reading() == Reading.COUNT);
        assertThat(Metric.values())
                .filteredOn(metric -> metric.reading() == Reading.AGE)
                .allSatisfy(age -> {
                    assertThat(age.ageOf().scope()).isEqualTo(age.scope());
                    assertThat(age.ageOf().reading()).isIn(Reading.VALUE, Reading.AGE);
                });
        assertThat(Metric.EVENT_TIME_LAG.ageOf()).isEqualTo(Metric.WATERMARK);
        assertThat(Metric.CHECKPOINT_AGE.ageOf()).isEqualTo(Metric.CHECKPOINT_AGE);
    }

    @Test
    void everyKindTheIssueAsksForIsThere() {
        assertThat(Arrays.stream(Metric.values()).map(Metric::metricName))
                .contains(
                        "records-read-total",
                        "rows-written-total",
                        "rows-committed-total",
                        "late-events-total",
                        "orphan-resolutions-total",
                        "duplicate-events-total",
                        "bad-records-total",
                        "dlq-records-total",
                        "events-buffered",
                        "bytes-buffered",
                        "spilled-values-total",
                        "spill-bytes",
                        "paused-partitions",
                        "watermark-ms",
                        "event-time-lag-ms",
                        "commits-total",
                        "commit-latency-ms-p99",
                        "files-uploaded-total",
                        "bytes-uploaded-total",
                        "upload-retries-total",
                        "upload-failures-total",
                        "checkpoint-age-ms",
                        "open-files",
                        "row-group-bytes-buffered");
        assertThat(Metric.RECORDS_READ.prometheusName()).isEqualTo("trainset_records_read_total");
    }

    @Test
    void tagTextsAreKebabCase() {
        assertThat(Dimension.SIDE.texts()).containsExactly("submitted", "resolved");
        assertThat(Dimension.STATUS.texts()).containsExactly("joined", "timed-out");
        assertThat(Dimension.DLQ_REASON.texts()).containsExactly("late", "orphan", "timed-out", "bad");
        assertThat(Dimension.BAD_REASON.texts()).contains("ahead-of-clock", "key", "other");
        assertThat(Dimension.NONE.texts()).isEmpty();
    }
}
