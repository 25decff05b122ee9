package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trainset.connect.testing.ConnectMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The task's metrics on a real Connect cluster (Kafka 4.3, so through the worker's plugin metrics), read back
 * over JMX from the worker (in this JVM: its platform MBean server) as an operator's JMX exporter reads them:
 * each counter equals what the test produced (joined, timed-out, late, orphan and bad records), the unit's
 * watermark and event-time lag move with event time, the checkpoint age starts again at a commit, and
 * nothing remains once the connector is deleted.
 */
class MetricsIT {

    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long MINUTE = 60_000;
    private static final String NAME = "metrics";
    private static final String ISSUES = "metrics-issues";
    private static final String RESOLUTIONS = "metrics-resolutions";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ConnectMetrics METRICS = ConnectMetrics.of(NAME, 0);
    private static final String UNIT = "unit=0";

    @SharedEnvironment(name = "trainset-metrics-it", bucket = "metrics", partitions = 1)
    private static SupportRoutingEnvironment env;

    @Test
    void countersGaugesAndCheckpointAgeReadOverJmxMatchTheStream() {
        ConnectClusterFixture connect = env.connect;
        connect.createTopic(ISSUES, 1);
        connect.createTopic(RESOLUTIONS, 1);
        connect.putConnectorConfig(
                NAME,
                env.connectorConfig(
                        NAME + "/",
                        Map.of(
                                "topics",
                                ISSUES + "," + RESOLUTIONS,
                                "submitted.topics",
                                ISSUES,
                                "resolved.topics",
                                RESOLUTIONS,
                                "join.window.after.ms",
                                String.valueOf(60 * MINUTE),
                                "join.grace.ms",
                                String.valueOf(MINUTE),
                                "flush.size",
                                "100",
                                "rotate.interval.ms",
                                "500",
                                "errors.deadletterqueue.topic.name",
                                NAME + "-dlq",
                                "errors.deadletterqueue.topic.replication.factor",
                                "1")));
        connect.awaitConnectorRunning(NAME, 1, WAIT);
        ConnectClusterFixture.await("the unit's metrics registered", WAIT, () -> METRICS.registered(UNIT));
        assertThat(METRICS.read("watermark-ms", UNIT))
                .as("no watermark before any event")
                .isNaN();

        // Event time to T0+10min (watermark T0+9min, grace 1 min): A joins, Z is an orphan, B waits.
        connect.sendAll(List.of(
                issue(T0, "A"),
                issue(T0 + MINUTE, "B"), // never resolved: times out
                resolution(T0 + 2 * MINUTE, "Z"), // matches no issue: orphan
                resolution(T0 + 5 * MINUTE, "A"),
                issue(T0 + 3 * MINUTE, null), // no key: a bad record
                issue(T0 + 10 * MINUTE, "W1"),
                resolution(T0 + 10 * MINUTE, "W1"))); // joins once event time passes it
        awaitValue("watermark-ms", T0 + 9 * MINUTE, UNIT);
        double lagAtFirstWatermark = METRICS.read("event-time-lag-ms", UNIT);
        assertThat(lagAtFirstWatermark).isCloseTo(System.currentTimeMillis() - (T0 + 9 * MINUTE), within(60_000.0));

        // L is behind its input's watermark: late. Then event time to T0+300min: W1 joins, B times out.
        connect.send(issue(T0 + MINUTE, "L"));
        awaitValue("late-events-total", 1, "side=submitted");
        connect.sendAll(List.of(issue(T0 + 300 * MINUTE, "W2"), resolution(T0 + 300 * MINUTE, "W2")));
        awaitValue("watermark-ms", T0 + 299 * MINUTE, UNIT);
        assertThat(METRICS.read("event-time-lag-ms", UNIT))
                .as("the lag shrinks as event time moves")
                .isLessThan(lagAtFirstWatermark - 280 * MINUTE);
        awaitValue("rows-committed-total", 3);

        assertThat(METRICS.read("records-read-total", "side=submitted")).isEqualTo(5); // A, B, W1, L, W2
        assertThat(METRICS.read("records-read-total", "side=resolved")).isEqualTo(4); // Z, A, W1, W2
        assertThat(METRICS.read("rows-written-total", "status=joined")).isEqualTo(2); // A, W1
        assertThat(METRICS.read("rows-written-total", "status=timed-out")).isEqualTo(1); // B
        assertThat(METRICS.read("timed-out-submissions-total")).isEqualTo(1);
        assertThat(METRICS.read("orphan-resolutions-total")).isEqualTo(1);
        assertThat(METRICS.read("late-events-total", "side=resolved")).isZero();
        assertThat(METRICS.read("duplicate-events-total", "side=submitted")).isZero();
        assertThat(METRICS.read("bad-records-total", "reason=key")).isEqualTo(1);
        assertThat(METRICS.read("bad-records-total", "reason=value")).isZero();
        assertThat(METRICS.read("dlq-records-total", "reason=late")).isEqualTo(1);
        assertThat(METRICS.read("dlq-records-total", "reason=orphan")).isEqualTo(1);
        assertThat(METRICS.read("dlq-records-total", "reason=bad")).isEqualTo(1);
        assertThat(METRICS.read("dlq-records-total", "reason=timed-out")).isZero();
        assertThat(connect.consumeAll(NAME + "-dlq", 3, WAIT)).hasSize(3);
        assertThat(METRICS.read("events-buffered", UNIT))
                .as("W2's issue and resolution wait")
                .isEqualTo(2);
        assertThat(METRICS.read("bytes-buffered", UNIT)).isPositive();
        assertThat(METRICS.read("commits-total")).isPositive();
        assertThat(METRICS.read("files-uploaded-total")).isPositive();
        assertThat(METRICS.read("bytes-uploaded-total")).isPositive();
        assertThat(METRICS.read("upload-failures-total")).isZero();
        assertThat(METRICS.read("commit-latency-ms-p99")).isNotNaN();
        assertThat(METRICS.read("paused-partitions")).isZero();
        assertThat(METRICS.read("open-files")).isZero();

        // Nothing is read, so nothing commits: the checkpoint ages; a record read makes a commit that resets it.
        double commits = METRICS.read("commits-total");
        double aged = ConnectClusterFixture.await("the checkpoint aged 2 s", WAIT, () -> {
            double age = METRICS.read("checkpoint-age-ms", UNIT);
            return age >= 2_000 ? age : null;
        });
        connect.send(issue(T0 + 301 * MINUTE, null));
        ConnectClusterFixture.await(
                "a commit that resets the checkpoint age",
                WAIT,
                () -> METRICS.read("commits-total") > commits && METRICS.read("checkpoint-age-ms", UNIT) < aged);
        assertThat(METRICS.read("bad-records-total", "reason=key")).isEqualTo(2);

        connect.deleteConnector(NAME);
        ConnectClusterFixture.await("the task's metrics gone with it", WAIT, METRICS::connectorGone);
        System.out.printf(
                "Read over JMX: %s records-read-total, rows-written-total, ... and %s watermark-ms, "
                        + "event-time-lag-ms, checkpoint-age-ms%n",
                METRICS.name("side=submitted"), METRICS.name(UNIT));
    }

    private static ProducerRecord<String, String> issue(long t, String key) {
        return new ProducerRecord<>(ISSUES, 0, t, key, "{\"title\":\"t\"}");
    }

    private static ProducerRecord<String, String> resolution(long t, String key) {
        return new ProducerRecord<>(RESOLUTIONS, 0, t, key, "{\"department\":\"billing\"}");
    }

    private static void awaitValue(String metric, double expected, String... tags) {
        ConnectClusterFixture.await(
                metric + " of " + METRICS.name(tags) + " = " + expected,
                WAIT,
                () -> METRICS.read(metric, tags) == expected);
    }
}
