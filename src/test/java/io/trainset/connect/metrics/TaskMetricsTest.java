package io.trainset.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.testing.TestClock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the pipeline records is what a binder reads back, series by series, and units come and go. */
class TaskMetricsTest {

    private static final Map<String, String> NO_TAGS = Map.of();

    private final TestClock clock = TestClock.atMillis(1_000_000);
    private final RecordingSink sink = new RecordingSink();
    private final TaskMetrics metrics = new TaskMetrics(clock, sink);

    @Test
    void countersAddUpPerTagValue() {
        metrics.increment(Metric.RECORDS_READ, Tags.Side.SUBMITTED);
        metrics.add(Metric.RECORDS_READ, Tags.Side.SUBMITTED, 4);
        metrics.increment(Metric.RECORDS_READ, Tags.Side.RESOLVED);
        metrics.increment(Metric.DLQ_RECORDS, Tags.DlqReason.TIMED_OUT);
        metrics.add(Metric.BAD_RECORDS, Tags.BadReason.AHEAD_OF_CLOCK, 2);
        metrics.add(Metric.BYTES_UPLOADED, 1234);

        assertThat(sink.read(Metric.RECORDS_READ, Map.of("side", "submitted"))).isEqualTo(5.0);
        assertThat(sink.read(Metric.RECORDS_READ, Map.of("side", "resolved"))).isEqualTo(1.0);
        assertThat(sink.read(Metric.DLQ_RECORDS, Map.of("reason", "timed-out"))).isEqualTo(1.0);
        assertThat(sink.read(Metric.DLQ_RECORDS, Map.of("reason", "late"))).isEqualTo(0.0);
        assertThat(sink.read(Metric.BAD_RECORDS, Map.of("reason", "ahead-of-clock")))
                .isEqualTo(2.0);
        assertThat(sink.read(Metric.BYTES_UPLOADED, NO_TAGS)).isEqualTo(1234.0);
    }

    @Test
    void recordingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        UnitMetrics unit = metrics.openUnit(0);
        record(unit, 10_000); // the adders' first use and the JIT's
        long before = threads.getCurrentThreadAllocatedBytes();
        record(unit, 1_000_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by a million recordings").isLessThan(16 * 1024);
        assertThat(sink.read(Metric.RECORDS_READ, Map.of("side", "submitted"))).isEqualTo(1_010_000.0);
    }

    private void record(UnitMetrics unit, int times) {
        for (int i = 0; i < times; i++) {
            metrics.increment(Metric.RECORDS_READ, Tags.Side.SUBMITTED);
            metrics.add(Metric.BYTES_UPLOADED, 100);
            unit.set(Metric.WATERMARK, i);
        }
    }

    @Test
    void everyTaskMetricHasItsSeriesFromTheStart() {
        MetricSet task = sink.registered().get(0);
        long expected = Arrays.stream(Metric.values())
                .filter(m -> m.scope() == Scope.TASK)
                .mapToLong(m -> m.dimension().size())
                .sum();
        assertThat(task.scope()).isEqualTo(Scope.TASK);
        assertThat(task.series()).hasSize((int) expected);
    }

    @Test
    void gaugesReadTheirSetValueOrSupplierAndNaNWhileUnknown() {
        AtomicLong open = new AtomicLong(3);
        metrics.supply(Metric.OPEN_FILES, open::get);
        metrics.set(Metric.PAUSED_PARTITIONS, 2);
        assertThat(sink.read(Metric.ROW_GROUP_BYTES_BUFFERED, NO_TAGS)).isNaN();
        assertThat(sink.read(Metric.PAUSED_PARTITIONS, NO_TAGS)).isEqualTo(2.0);
        assertThat(sink.read(Metric.OPEN_FILES, NO_TAGS)).isEqualTo(3.0);
        open.set(7);
        assertThat(sink.read(Metric.OPEN_FILES, NO_TAGS)).isEqualTo(7.0);
    }

    @Test
    void theLagFollowsTheClockAndTheWatermarkAndTheCheckpointAgeResetsWhenMarked() {
        UnitMetrics unit = metrics.openUnit(3);
        Map<String, String> unit3 = Map.of("unit", "3");
        assertThat(sink.read(Metric.WATERMARK, unit3)).isNaN();
        assertThat(sink.read(Metric.EVENT_TIME_LAG, unit3)).isNaN();
        assertThat(sink.read(Metric.CHECKPOINT_AGE, unit3)).isEqualTo(0.0);

        unit.set(Metric.WATERMARK, 990_000);
        clock.advanceMillis(500);
        assertThat(sink.read(Metric.WATERMARK, unit3)).isEqualTo(990_000.0);
        assertThat(sink.read(Metric.EVENT_TIME_LAG, unit3)).isEqualTo(10_500.0);
        assertThat(sink.read(Metric.CHECKPOINT_AGE, unit3)).isEqualTo(500.0);

        unit.markNow(Metric.CHECKPOINT_AGE);
        clock.advanceMillis(20);
        assertThat(sink.read(Metric.CHECKPOINT_AGE, unit3)).isEqualTo(20.0);
        unit.set(Metric.WATERMARK, Long.MIN_VALUE);
        assertThat(sink.read(Metric.EVENT_TIME_LAG, unit3)).isNaN();
    }

    @Test
    void commitsCountTheirLatencyAndItsPercentilesOverTheWindow() {
        assertThat(sink.read(Metric.COMMIT_LATENCY_P99, NO_TAGS)).isNaN();
        for (int latency = 1; latency <= 100; latency++) {
            metrics.committed(latency);
        }
        assertThat(sink.read(Metric.COMMITS, NO_TAGS)).isEqualTo(100.0);
        assertThat(sink.read(Metric.COMMIT_LATENCY, NO_TAGS)).isEqualTo(5050.0);
        assertThat(sink.read(Metric.COMMIT_LATENCY_P50, NO_TAGS)).isEqualTo(50.0);
        assertThat(sink.read(Metric.COMMIT_LATENCY_P95, NO_TAGS)).isEqualTo(95.0);
        assertThat(sink.read(Metric.COMMIT_LATENCY_P99, NO_TAGS)).isEqualTo(99.0);
        assertThat(sink.read(Metric.COMMIT_LATENCY_MAX, NO_TAGS)).isEqualTo(100.0);
    }

    @Test
    void aCommitsLatencyIsMeasuredFromItsRequestByTheMetricsClock() {
        long requested = clock.millis();
        clock.advanceMillis(1_500);
        metrics.committedSince(requested);
        assertThat(sink.read(Metric.COMMIT_LATENCY_MAX, NO_TAGS)).isEqualTo(1_500.0);
        assertThat(sink.read(Metric.COMMITS, NO_TAGS)).isEqualTo(1.0);
    }

    @Test
    void theWindowKeepsTheLastCommitsOnly() {
        metrics.committed(60_000);
        for (int i = 0; i < LatencyWindow.CAPACITY; i++) {
            metrics.committed(10);
        }
        assertThat(sink.read(Metric.COMMIT_LATENCY_MAX, NO_TAGS)).isEqualTo(10.0);
        assertThat(sink.read(Metric.COMMIT_LATENCY, NO_TAGS)).isEqualTo(60_000.0 + 10 * LatencyWindow.CAPACITY);
    }

    @Test
    void unitsAreRegisteredWhileOpenAndEverythingIsUnregisteredAtClose() {
        UnitMetrics first = metrics.openUnit(1);
        metrics.openUnit(2);
        first.set(Metric.EVENTS_BUFFERED, 5);
        assertThat(sink.read(Metric.EVENTS_BUFFERED, Map.of("unit", "1"))).isEqualTo(5.0);
        assertThat(sink.registered()).hasSize(3);

        UnitMetrics reopened = metrics.openUnit(1);
        assertThat(sink.registered()).hasSize(3);
        assertThat(sink.read(Metric.EVENTS_BUFFERED, Map.of("unit", "1"))).isNaN();
        assertThat(reopened.unit()).isEqualTo(1);

        metrics.closeUnit(2);
        metrics.closeUnit(7);
        assertThat(sink.registered()).extracting(MetricSet::tags).containsExactly(Map.of(), Map.of("unit", "1"));
        metrics.close();
        assertThat(sink.registered()).isEmpty();
        assertThat(sink.unregistered()).hasSize(4);
    }

    @Test
    void aMetricUsedAgainstItsKindOrScopeIsRefused() {
        UnitMetrics unit = metrics.openUnit(0);
        assertThatThrownBy(() -> metrics.increment(Metric.RECORDS_READ))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("records-read-total");
        assertThatThrownBy(() -> metrics.increment(Metric.RECORDS_READ, Tags.DlqReason.LATE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not tagged by LATE");
        assertThatThrownBy(() -> metrics.increment(Metric.DLQ_RECORDS, Tags.BadReason.OTHER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.set(Metric.WATERMARK, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> unit.increment(Metric.COMMITS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> unit.mark(Metric.EVENT_TIME_LAG, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("watermark-ms");
        assertThatThrownBy(() -> metrics.add(Metric.COMMITS, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monotonic");
    }

    @Test
    void discardingMetricsRecordNothingButStillCheckTheirArguments() {
        TaskMetrics discarding = TaskMetrics.discarding(clock);
        UnitMetrics unit = discarding.openUnit(0);
        discarding.add(Metric.RECORDS_READ, Tags.Side.SUBMITTED, 5);
        discarding.add(Metric.BYTES_UPLOADED, 1234);
        discarding.committed(40);
        unit.set(Metric.WATERMARK, 77);
        unit.markNow(Metric.CHECKPOINT_AGE);

        assertThat(discarding.read(Metric.RECORDS_READ, Tags.Side.SUBMITTED.ordinal()))
                .isZero();
        assertThat(discarding.read(Metric.BYTES_UPLOADED, 0)).isZero();
        assertThat(discarding.read(Metric.COMMITS, 0)).isZero();
        assertThat(discarding.read(Metric.COMMIT_LATENCY_MAX, 0)).isNaN();
        assertThat(unit.read(Metric.WATERMARK, 0)).isNaN();
        assertThat(discarding.publishedTo()).isEqualTo("not published");
        assertThatThrownBy(() -> discarding.add(Metric.COMMITS, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monotonic");
    }
}
