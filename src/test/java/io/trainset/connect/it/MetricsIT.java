package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
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
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @SharedEnvironment(name = "trainset-metrics-it", bucket = "metrics", partitions = 1)
    private static SupportRoutingEnvironment env;

    @Test
    void countersGaugesAndCheckpointAgeReadOverJmxMatchTheStream() throws JMException {
        ConnectClusterFixture connect = env.connect;
        connect.createTopic(ISSUES, 1);
        connect.createTopic(RESOLUTIONS, 1);
        connect.putConnectorConfig(NAME, env.connectorConfig(NAME + "/", Map.of("topics", ISSUES + "," + RESOLUTIONS,
                "submitted.topics", ISSUES, "resolved.topics", RESOLUTIONS,
                "join.window.after.ms", String.valueOf(60 * MINUTE), "join.grace.ms", String.valueOf(MINUTE),
                "flush.size", "100", "rotate.interval.ms", "500", "errors.deadletterqueue.topic.name", NAME + "-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1")));
        connect.awaitConnectorRunning(NAME, 1, WAIT);
        ObjectName unit = name(",unit=0");
        ConnectClusterFixture.await("the unit's metrics registered", WAIT, () -> JMX.isRegistered(unit));
        assertThat(read(unit, "watermark-ms")).as("no watermark before any event").isNaN();

        // Event time to T0+10min (watermark T0+9min, grace 1 min): A joins, Z is an orphan, B waits.
        connect.sendAll(List.of(
                issue(T0, "A"),
                issue(T0 + MINUTE, "B"),                         // never resolved: times out
                resolution(T0 + 2 * MINUTE, "Z"),                // matches no issue: orphan
                resolution(T0 + 5 * MINUTE, "A"),
                issue(T0 + 3 * MINUTE, null),                    // no key: a bad record
                issue(T0 + 10 * MINUTE, "W1"),
                resolution(T0 + 10 * MINUTE, "W1")));            // joins once event time passes it
        awaitValue(unit, "watermark-ms", T0 + 9 * MINUTE);
        double lagAtFirstWatermark = read(unit, "event-time-lag-ms");
        assertThat(lagAtFirstWatermark).isCloseTo(System.currentTimeMillis() - (T0 + 9 * MINUTE), within(60_000.0));

        // L is behind its input's watermark: late. Then event time to T0+300min: W1 joins, B times out.
        connect.send(issue(T0 + MINUTE, "L"));
        awaitValue(name(",side=submitted"), "late-events-total", 1);
        connect.sendAll(List.of(issue(T0 + 300 * MINUTE, "W2"), resolution(T0 + 300 * MINUTE, "W2")));
        awaitValue(unit, "watermark-ms", T0 + 299 * MINUTE);
        assertThat(read(unit, "event-time-lag-ms")).as("the lag shrinks as event time moves")
                .isLessThan(lagAtFirstWatermark - 280 * MINUTE);
        awaitValue(name(""), "rows-committed-total", 3);

        assertThat(read(name(",side=submitted"), "records-read-total")).isEqualTo(5); // A, B, W1, L, W2
        assertThat(read(name(",side=resolved"), "records-read-total")).isEqualTo(4);  // Z, A, W1, W2
        assertThat(read(name(",status=joined"), "rows-written-total")).isEqualTo(2);  // A, W1
        assertThat(read(name(",status=timed-out"), "rows-written-total")).isEqualTo(1); // B
        assertThat(read(name(""), "timed-out-submissions-total")).isEqualTo(1);
        assertThat(read(name(""), "orphan-resolutions-total")).isEqualTo(1);
        assertThat(read(name(",side=resolved"), "late-events-total")).isZero();
        assertThat(read(name(",side=submitted"), "duplicate-events-total")).isZero();
        assertThat(read(name(",reason=key"), "bad-records-total")).isEqualTo(1);
        assertThat(read(name(",reason=value"), "bad-records-total")).isZero();
        assertThat(read(name(",reason=late"), "dlq-records-total")).isEqualTo(1);
        assertThat(read(name(",reason=orphan"), "dlq-records-total")).isEqualTo(1);
        assertThat(read(name(",reason=bad"), "dlq-records-total")).isEqualTo(1);
        assertThat(read(name(",reason=timed-out"), "dlq-records-total")).isZero();
        assertThat(connect.consumeAll(NAME + "-dlq", 3, WAIT)).hasSize(3);
        assertThat(read(unit, "events-buffered")).as("W2's issue and resolution wait").isEqualTo(2);
        assertThat(read(unit, "bytes-buffered")).isPositive();
        assertThat(read(name(""), "commits-total")).isPositive();
        assertThat(read(name(""), "files-uploaded-total")).isPositive();
        assertThat(read(name(""), "bytes-uploaded-total")).isPositive();
        assertThat(read(name(""), "upload-failures-total")).isZero();
        assertThat(read(name(""), "commit-latency-ms-p99")).isNotNaN();
        assertThat(read(name(""), "paused-partitions")).isZero();
        assertThat(read(name(""), "open-files")).isZero();

        // Nothing is read, so nothing commits: the checkpoint ages; a record read makes a commit that resets it.
        double commits = read(name(""), "commits-total");
        double aged = ConnectClusterFixture.await("the checkpoint aged 2 s", WAIT, () -> {
            double age = read(unit, "checkpoint-age-ms");
            return age >= 2_000 ? age : null;
        });
        connect.send(issue(T0 + 301 * MINUTE, null));
        ConnectClusterFixture.await("a commit that resets the checkpoint age", WAIT,
                () -> read(name(""), "commits-total") > commits && read(unit, "checkpoint-age-ms") < aged);
        assertThat(read(name(",reason=key"), "bad-records-total")).isEqualTo(2);

        connect.deleteConnector(NAME);
        ConnectClusterFixture.await("the task's metrics gone with it", WAIT,
                () -> JMX.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + NAME + ",*"), null)
                        .isEmpty());
        System.out.printf("Read over JMX: %s records-read-total, rows-written-total, ... and %s watermark-ms, "
                + "event-time-lag-ms, checkpoint-age-ms%n", name(",side=submitted"), unit);
    }

    private static ProducerRecord<String, String> issue(long t, String key) {
        return new ProducerRecord<>(ISSUES, 0, t, key, "{\"title\":\"t\"}");
    }

    private static ProducerRecord<String, String> resolution(long t, String key) {
        return new ProducerRecord<>(RESOLUTIONS, 0, t, key, "{\"department\":\"billing\"}");
    }

    /** The MBean of the task's metrics with {@code tags} (e.g. {@code ,side=submitted}, {@code ,unit=0}). */
    private static ObjectName name(String tags) throws JMException {
        return new ObjectName("kafka.connect:type=plugins,connector=" + NAME + ",task=0" + tags);
    }

    private static double read(ObjectName name, String metric) throws JMException {
        return ((Number) JMX.getAttribute(name, metric)).doubleValue();
    }

    private static void awaitValue(ObjectName name, String metric, double expected) {
        ConnectClusterFixture.await(metric + " of " + name + " = " + expected, WAIT,
                () -> read(name, metric) == expected);
    }
}
