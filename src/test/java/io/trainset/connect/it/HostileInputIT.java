package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A hostile producer on a real Connect cluster with the S3 server: records of every poisonous kind
 * interleaved with a normal stream. The task stays RUNNING throughout, every hostile record is in the
 * dead-letter queue with its reason, every normal issue is in the bucket exactly once with its label,
 * and a second connector pointed at the same output location fails with a clear error while the first
 * goes on.
 */
class HostileInputIT {

    private static final String ISSUES = SupportRoutingEnvironment.ISSUES;
    private static final String RESOLUTIONS = SupportRoutingEnvironment.RESOLUTIONS;
    private static final String DLQ = SupportRoutingEnvironment.DLQ;
    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;
    private static final String PREFIX = "hostile";
    private static final String MESSAGE = "__connect.errors.exception.message";
    private static final int MAX_COLUMNS = 30;
    private static final int MAX_LABELS = 12;
    private static final int WIDE = 60;
    private static final int FREE_LABELS = 20;

    @SharedEnvironment(name = "trainset-hostile-it", bucket = "hostile", partitions = 2)
    private static SupportRoutingEnvironment env;

    private static ConnectClusterFixture connect;

    @BeforeAll
    static void aliases() {
        connect = env.connect;
    }

    /** A hostile record, and what its dead-letter report must say (null: it is not reported). */
    private record Hostile(ProducerRecord<String, String> record, String reason) {}

    private static String config(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "submitted.time.field",
                "at",
                "resolved.time.field",
                "at",
                "features.include",
                "title,description,product,priority,customer.tier,attrs",
                "rotate.interval.ms",
                "2000",
                "errors.deadletterqueue.topic.replication.factor",
                "1",
                "dataset.max.columns",
                String.valueOf(MAX_COLUMNS),
                "label.max.distinct",
                String.valueOf(MAX_LABELS)));
        // The reasons checked in the dead-letter headers quote the records: only with this (docs/production.md).
        config.put("errors.log.include.messages", "true");
        // Label directories, so that a label too long for a path segment is a hostile record here.
        config.put("layout.partitions", "split,label");
        config.putAll(overrides);
        return env.connectorConfig(PREFIX, config);
    }

    private static ProducerRecord<String, String> issue(long t, String key, String json) {
        return new ProducerRecord<>(ISSUES, null, t, key, json);
    }

    private static ProducerRecord<String, String> resolution(long t, String key, String json) {
        return new ProducerRecord<>(RESOLUTIONS, null, t, key, json);
    }

    /** Every kind of poisonous record the connector must report instead of dying or diverting data. */
    private static List<Hostile> hostileRecords() {
        long t = T0 + 3_000;
        String farFuture = "\"at\":\"9999-12-31T00:00:00Z\"";
        List<Hostile> hostile = new ArrayList<>(List.of(
                // A placeholder date on each side: reported, and the watermarks stay where they were.
                new Hostile(issue(t, "H-FUTURE-S", "{\"title\":\"placeholder date\"," + farFuture + "}"), "9999-12-31"),
                new Hostile(
                        resolution(t, "H-FUTURE-R", "{\"department\":\"billing\"," + farFuture + "}"), "9999-12-31"),
                // Microseconds read as milliseconds: tens of thousands of years ahead.
                new Hostile(issue(t, "H-MICROS", "{\"title\":\"micros\",\"at\":" + T0 * 1000 + "}"), null),
                // An ISO-8601 time beyond the epoch-millisecond range.
                new Hostile(
                        issue(t, "H-RANGE", "{\"title\":\"range\",\"at\":\"+999999999-12-31T23:59:59Z\"}"),
                        "+999999999-12-31T23:59:59Z"),
                // A label longer than a path segment may be.
                new Hostile(
                        resolution(t + 60_000, "H-LONGLABEL", "{\"department\":\"" + "d".repeat(1_000) + "\"}"), null),
                // Not JSON at all: the worker's converter reports it.
                new Hostile(issue(t, "H-GARBAGE", "not json {"), null),
                // A tombstone.
                new Hostile(issue(t, "H-NULL", null), null)));
        return hostile;
    }

    /** Records that are odd but valid: they must become rows, not reports. */
    private static List<ProducerRecord<String, String>> oddButValid() {
        long t = T0 + 4_000;
        return List.of(
                issue(t, "H-LONGLABEL", "{\"title\":\"its resolution has a label too long for a path\"}"),
                issue(t, "H-MARKDOWN", "{\"title\":\"label with markup\"}"),
                resolution(t + 60_000, "H-MARKDOWN", "{\"department\":\"<script>alert(1)</script>|`x`\"}"));
    }

    /** Submissions whose nested object has a new key each: past dataset.max.columns they are reported. */
    private static List<ProducerRecord<String, String>> wideObjects() {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < WIDE; i++) {
            records.add(issue(
                    T0 + 5_000 + i,
                    String.format("H-WIDE-%02d", i),
                    String.format("{\"title\":\"wide\",\"attrs\":{\"k%02d\":%d}}", i, i)));
        }
        return records;
    }

    /**
     * Free text as labels, a day apart from {@code startMs}: past label.max.distinct a resolution is reported
     * and its submission times out.
     */
    private static List<ProducerRecord<String, String>> freeTextLabels(long startMs) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < FREE_LABELS; i++) {
            String key = String.format("H-LABEL-%02d", i);
            records.add(issue(startMs + i, key, "{\"title\":\"free text\"}"));
            records.add(resolution(startMs + 60_000 + i, key, String.format("{\"department\":\"free text %02d\"}", i)));
        }
        return records;
    }

    @Test
    void aHostileProducerNeitherStopsTheConnectorNorCorruptsTheDataset() {
        // Stray objects where the commit protocol lists its keys: an OS's metadata file and a console folder marker.
        putObject(PREFIX + "/_trainset/pending/unit-0/.DS_Store", "junk");
        putObject(PREFIX + "/_trainset/checkpoints/unit-1/", "");

        connect.putConnectorConfig("hostile", config(Map.of()));
        connect.awaitConnectorRunning("hostile", 1, Duration.ofSeconds(60));

        Map<String, String> expected = hostileRecordsInANormalStreamAreReportedAndTheRestWritten();
        aSecondConnectorOnTheSameLocationFailsAndTheFirstGoesOn();
        freeTextLabelsPastTheirBoundAreReportedAndTheRestWritten(expected);
        assertThat(connect.awaitConnectorRunning("hostile", 1, Duration.ofSeconds(10))
                        .path("tasks")
                        .get(0)
                        .path("trace")
                        .isMissingNode())
                .isTrue();
    }

    /** Returns the label of every key written so far. */
    private Map<String, String> hostileRecordsInANormalStreamAreReportedAndTheRestWritten() {
        List<Ticket> tickets = SupportTickets.generate(200, T0, 10, 12);
        List<Hostile> hostile = hostileRecords();
        List<ProducerRecord<String, String>> stream = new ArrayList<>(SupportRoutingEnvironment.records(tickets));
        for (int i = 0; i < hostile.size(); i++) {
            stream.add(20 + 25 * i, hostile.get(i).record()); // interleaved with the normal stream
        }
        stream.addAll(40, oddButValid());
        stream.addAll(60, wideObjects());
        connect.sendAll(stream);
        env.advanceEventTime(T0 + 8 * DAY);

        Map<String, String> expected = new LinkedHashMap<>();
        tickets.forEach(ticket -> expected.put(ticket.key(), ticket.department()));
        expected.put("H-LONGLABEL", null);
        expected.put("H-MARKDOWN", "<script>alert(1)</script>|`x`");
        awaitRows(expected.size());
        Map<String, ConsumerRecord<String, String>> reported = deadLetters(hostile);
        long wideReported = reported.keySet().stream()
                .filter(key -> key.startsWith("H-WIDE-"))
                .count();
        Map<String, List<ReadRow>> rows = awaitRows(expected.size() + WIDE - (int) wideReported);

        assertThat(wideReported).as("objects reported past dataset.max.columns").isPositive();
        for (int i = 0; i < WIDE; i++) {
            String key = String.format("H-WIDE-%02d", i);
            assertThat(rows.containsKey(key))
                    .as("%s is a row or a report, once", key)
                    .isNotEqualTo(reported.containsKey(key));
            if (rows.containsKey(key)) {
                expected.put(key, null);
            }
        }
        assertRows(rows, expected);
        assertThat(columns())
                .as("feature columns of the dataset, at the bound")
                .filteredOn(name -> name.matches("title|description|product|priority|customer_tier|attrs_k\\d+"))
                .hasSize(MAX_COLUMNS);
        // Producer strings appear in the card's README only as code spans: no HTML, no table cell split by '|'.
        assertThat(readme().lines().filter(line -> line.contains("<script>")).toList())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("`` <script>alert(1)</script>\\|`x` ``"));
        return expected;
    }

    private void aSecondConnectorOnTheSameLocationFailsAndTheFirstGoesOn() {
        connect.putConnectorConfig("hostile-twin", config(Map.of("errors.deadletterqueue.topic.name", "twin-dlq")));
        JsonNode status = connect.awaitConnectorStatus(
                "hostile-twin",
                "FAILED",
                Duration.ofSeconds(60),
                s -> "FAILED".equals(s.path("connector").path("state").asText())
                        || "FAILED".equals(s.path("tasks").path(0).path("state").asText()));
        String trace = status.path("connector").path("trace").asText()
                + status.path("tasks").path(0).path("trace");
        assertThat(trace)
                .contains("output.url")
                .contains("s3://" + env.bucket + "/" + PREFIX)
                .contains("hostile");
        connect.deleteConnector("hostile-twin");
        connect.awaitConnectorRunning("hostile", 1, Duration.ofSeconds(10));
    }

    /** Labels past label.max.distinct, after the dataset's labels are known; more normal tickets flow on. */
    private void freeTextLabelsPastTheirBoundAreReportedAndTheRestWritten(Map<String, String> expected) {
        List<Ticket> more = SupportTickets.generate(220, T0, 0, 13).subList(200, 220);
        List<ProducerRecord<String, String>> stream = new ArrayList<>(SupportRoutingEnvironment.records(more).stream()
                .map(r -> new ProducerRecord<>(r.topic(), null, r.timestamp() + 9 * DAY, r.key(), r.value()))
                .toList());
        stream.addAll(freeTextLabels(T0 + 9 * DAY));
        connect.sendAll(stream);
        env.advanceEventTime(T0 + 18 * DAY);

        more.forEach(ticket -> expected.put(ticket.key(), ticket.department()));
        Map<String, List<ReadRow>> rows = awaitRows(expected.size() + FREE_LABELS);
        Map<String, ConsumerRecord<String, String>> reported = deadLetters(List.of());
        for (int i = 0; i < FREE_LABELS; i++) {
            String key = String.format("H-LABEL-%02d", i);
            expected.put(key, reported.containsKey(key) ? null : String.format("free text %02d", i));
        }
        assertThat(reported.keySet())
                .as("labels reported past label.max.distinct")
                .anyMatch(key -> key.startsWith("H-LABEL-"));
        assertRows(rows, expected);
    }

    /** Exactly the expected keys, each in one row with its label. */
    private static void assertRows(Map<String, List<ReadRow>> rows, Map<String, String> expected) {
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        rows.forEach((key, byKey) -> assertThat(byKey).as("rows of %s", key).hasSize(1));
        expected.forEach((key, label) -> assertThat(rows.get(key).get(0).get("label"))
                .as("label of %s", key)
                .isEqualTo(label));
    }

    /** Waits until {@code count} distinct keys (clock records aside) have rows; returns the rows by key. */
    private static Map<String, List<ReadRow>> awaitRows(int count) {
        return ConnectClusterFixture.await(count + " keys in the bucket", Duration.ofSeconds(90), () -> {
            Map<String, List<ReadRow>> byKey = env.rows(PREFIX + "/").stream()
                    .filter(row -> !String.valueOf(row.get("key")).startsWith("CLOCK"))
                    .collect(Collectors.groupingBy(row -> String.valueOf(row.get("key"))));
            return byKey.size() >= count ? byKey : null;
        });
    }

    /**
     * The dead-letter reports of keys "H-…" once the rows are in the bucket (a unit's commit waits for the
     * reports its checkpoint covers): each fixed hostile record is there with its reason, no normal issue is.
     */
    private static Map<String, ConsumerRecord<String, String>> deadLetters(List<Hostile> hostile) {
        List<ConsumerRecord<String, String>> all = connect.consumeToEnd(DLQ, Duration.ofSeconds(60));
        assertThat(all).extracting(ConsumerRecord::key).noneMatch(key -> key != null && key.startsWith("ISSUE-"));
        Map<String, ConsumerRecord<String, String>> reported = all.stream()
                .filter(r -> r.key() != null && r.key().startsWith("H-"))
                .collect(Collectors.toMap(ConsumerRecord::key, Function.identity(), (a, b) -> {
                    throw new AssertionError("reported twice: " + a.key());
                }));
        for (Hostile h : hostile) {
            ConsumerRecord<String, String> report = reported.get(h.record().key());
            assertThat(report).as("report of %s", h.record().key()).isNotNull();
            Header message = report.headers().lastHeader(MESSAGE);
            assertThat(message).as("error message header of %s", report.key()).isNotNull();
            String text = new String(message.value(), StandardCharsets.UTF_8);
            assertThat(text)
                    .as("reason of %s", report.key())
                    .isNotBlank()
                    .contains(h.reason() == null ? "" : h.reason());
        }
        return reported;
    }

    /** The distinct columns of every data file in the dataset. */
    private static Set<String> columns() {
        Set<String> names = new TreeSet<>();
        for (ReadFile file : DatasetFiles.read(env.s3.s3Client(), env.bucket, PREFIX + "/")) {
            file.schema().getFields().forEach(field -> names.add(field.name()));
        }
        return names;
    }

    private static void putObject(String key, String content) {
        env.s3.s3Client().putObject(b -> b.bucket(env.bucket).key(key), RequestBody.fromString(content));
    }

    private static String readme() {
        return env.s3
                .s3Client()
                .getObjectAsBytes(b -> b.bucket(env.bucket).key(PREFIX + "/_trainset/README.md"))
                .asUtf8String();
    }
}
