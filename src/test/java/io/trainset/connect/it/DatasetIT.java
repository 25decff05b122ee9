package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DuckDbReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;

/**
 * The ML layout end to end on a real Connect cluster and S3 server: hostile labels, a field that
 * appears mid-stream, a type change that goes to the dead-letter queue, splits by customer; the
 * files read back by a reader that unions schemas by name and decodes Hive paths, and the dataset
 * card checked against them.
 */
class DatasetIT {

    private static final String BUCKET = "ml-datasets";
    private static final String PREFIX = "routing";
    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;
    private static final int ISSUES = 240;
    private static final List<String> RAW_LABELS =
            List.of("Billing Dept", "TECH/Support", "a=b", "two  Words", "..", "Rechnungsprüfung 📦", "%2F");
    private static final Map<String, String> LABELS = Map.of(
            "Billing Dept",
            "billing/eu",
            "TECH/Support",
            "tech/support",
            "a=b",
            "a=b",
            "two  Words",
            "two words",
            "..",
            "..",
            "Rechnungsprüfung 📦",
            "rechnungsprüfung 📦",
            "%2F",
            "%2f");
    private static final ObjectMapper JSON = new ObjectMapper();

    @SharedEnvironment(name = "trainset-dataset-it", bucket = BUCKET, partitions = 2)
    private static SupportRoutingEnvironment env;

    @Test
    void hostileLabelsAndANewFieldMidStreamReadBackAsOneDatasetThatTheCardDescribes() throws Exception {
        ConnectClusterFixture connect = env.connect;
        connect.putConnectorConfig(
                "dataset",
                env.connectorConfig(
                        PREFIX,
                        Map.of(
                                "features.include",
                                "",
                                "split.group.field",
                                "customer.id",
                                "label.normalize",
                                "lower",
                                "label.mapping",
                                "billing dept=billing/eu",
                                "resolved.fields",
                                "note",
                                "join.window.after.ms",
                                String.valueOf(DAY),
                                "flush.size",
                                "50",
                                "rotate.interval.ms",
                                "1000")));
        connect.awaitConnectorRunning("dataset", 1, Duration.ofSeconds(60));

        connect.sendAll(records());
        connect.send(new ProducerRecord<>(
                SupportRoutingEnvironment.ISSUES,
                null,
                T0,
                "ISSUE-TEXT-PRIORITY",
                "{\"title\":\"x\",\"priority\":\"high\",\"customer\":{\"id\":\"C-1\",\"tier\":\"pro\"}}"));
        connect.send(new ProducerRecord<>(
                SupportRoutingEnvironment.RESOLUTIONS,
                null,
                T0 + 60_000,
                "ISSUE-TEXT-PRIORITY",
                "{\"department\":\"billing dept\",\"note\":\"orphaned\"}"));
        env.advanceEventTime(T0 + 10 * DAY);

        List<ReadFile> files = ConnectClusterFixture.await("all rows", Duration.ofSeconds(90), () -> {
            List<ReadFile> read = DatasetFiles.read(env.s3.s3Client(), BUCKET, PREFIX + "/");
            return read.stream().mapToInt(f -> f.rows().size()).sum() >= ISSUES ? read : null;
        });
        List<Map<String, Object>> table = DatasetFiles.unionByName(files);

        assertThat(table).hasSize(ISSUES);
        assertThat(table).allSatisfy(row -> {
            int n = Integer.parseInt(((String) row.get("key")).substring(6));
            assertThat(row.get("label")).isEqualTo(n % 10 == 0 ? null : LABELS.get(RAW_LABELS.get(n % 7)));
            assertThat(row.get("channel")).isEqualTo(n >= ISSUES / 2 ? "email" : null);
            assertThat(row.get("note")).isEqualTo(n % 10 == 0 ? null : "note " + n);
            assertThat(row.get("priority")).isEqualTo((long) (n % 4));
        });
        assertThat(files)
                .allSatisfy(file -> assertThat(file.key().substring(file.key().lastIndexOf('/') + 1))
                        .startsWith(DatasetFiles.partitionsOf(file.key()).get("split") + "-"));
        Map<Object, Set<Object>> splitsPerCustomer = table.stream()
                .collect(Collectors.groupingBy(
                        r -> r.get("customer_id"), Collectors.mapping(r -> r.get("split"), Collectors.toSet())));
        assertThat(splitsPerCustomer)
                .hasSize(12)
                .allSatisfy((customer, splits) -> assertThat(splits).hasSize(1));
        // the issue whose priority changed type, then its resolution, an orphan once the issue is gone
        assertThat(connect.consumeAll(SupportRoutingEnvironment.DLQ, 2, Duration.ofSeconds(30)))
                .extracting(r -> r.key())
                .containsExactly("ISSUE-TEXT-PRIORITY", "ISSUE-TEXT-PRIORITY");
        assertThat(connect.awaitConnectorRunning("dataset", 1, Duration.ofSeconds(10))
                        .path("tasks")
                        .get(0)
                        .path("state")
                        .asText())
                .isEqualTo("RUNNING");
        assertCardMatches(table, files);
        assertDuckDbReadsTheSameDataset(table, files);
    }

    /** DuckDB, reading the bucket's directory with a plain glob, sees the same rows per split and label. */
    private static void assertDuckDbReadsTheSameDataset(List<Map<String, Object>> table, List<ReadFile> files)
            throws Exception {
        Optional<JsonNode> duck =
                DuckDbReader.summary(env.s3.bucketDirectory(BUCKET).resolve(PREFIX));
        if (duck.isEmpty()) {
            System.out.println("DuckDB check skipped: run 'npm ci --prefix tools/readers' to enable it");
            return;
        }
        Map<String, Long> expected = new TreeMap<>();
        table.forEach(r -> expected.merge(r.get("split") + "|" + r.get("label"), 1L, Long::sum));
        Map<String, Long> read = new TreeMap<>();
        duck.get()
                .path("counts")
                .fields()
                .forEachRemaining(e -> read.put(e.getKey(), e.getValue().asLong()));
        assertThat(read).isEqualTo(expected);
        assertThat(duck.get().path("files").asInt()).isEqualTo(files.size());
        List<String> columns = new ArrayList<>();
        duck.get().path("columns").forEach(c -> columns.add(c.asText()));
        assertThat(columns)
                .contains("channel:VARCHAR", "priority:BIGINT", "label:VARCHAR", "split:VARCHAR")
                .doesNotHaveDuplicates();
        System.out.printf("DuckDB read the same %d rows in %d files%n", table.size(), files.size());
    }

    private static void assertCardMatches(List<Map<String, Object>> table, List<ReadFile> files) {
        Map<String, Long> expected = new TreeMap<>();
        table.forEach(r -> expected.merge(r.get("split") + "|" + r.get("label"), 1L, Long::sum));
        JsonNode card = ConnectClusterFixture.await("a current dataset card", Duration.ofSeconds(30), () -> {
            ResponseBytes<?> bytes =
                    env.s3.s3Client().getObjectAsBytes(b -> b.bucket(BUCKET).key(PREFIX + "/_trainset/dataset.json"));
            JsonNode read = JSON.readTree(bytes.asByteArray());
            return read.path("rows").asLong() == table.size() ? read : null;
        });
        Map<String, Long> counted = new TreeMap<>();
        card.path("counts")
                .forEach(c -> counted.put(
                        c.path("split").asText() + "|"
                                + (c.path("label").isNull()
                                        ? "null"
                                        : c.path("label").asText()),
                        c.path("rows").asLong()));
        assertThat(counted).isEqualTo(expected);
        assertThat(card.path("files").asLong()).isEqualTo(files.size());
        assertThat(card.path("join").path("timed_out_rows").asLong()).isEqualTo(ISSUES / 10);
        assertThat(card.path("join").path("orphaned_resolutions").asLong()).isEqualTo(1); // the DLQ'd issue's
        List<String> schema = new ArrayList<>();
        card.path("schema")
                .forEach(c -> schema.add(
                        c.path("name").asText() + ":" + c.path("type").asText()));
        assertThat(schema).contains("channel:string", "note:string", "priority:long", "customer_tier:string");
        System.out.printf("Dataset IT: %d rows in %d files, card %s%n", table.size(), files.size(), counted);
    }

    /** Issues keyed ISSUE-nnnnn of 12 customers; every 10th unresolved; the second half has a new field 'channel'. */
    private static List<ProducerRecord<String, String>> records() throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int n = 0; n < ISSUES; n++) {
            String key = String.format("ISSUE-%05d", n);
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("title", "Issue " + n);
            issue.put("priority", n % 4);
            issue.put("customer", Map.of("id", "C-" + (n % 12), "tier", n % 3 == 0 ? "pro" : "free"));
            if (n >= ISSUES / 2) {
                issue.put("channel", "email");
            }
            long at = T0 + n * 1000L;
            records.add(new ProducerRecord<>(
                    SupportRoutingEnvironment.ISSUES, null, at, key, JSON.writeValueAsString(issue)));
            if (n % 10 != 0) {
                Map<String, Object> resolution =
                        new HashMap<>(Map.of("department", RAW_LABELS.get(n % 7), "note", "note " + n));
                records.add(new ProducerRecord<>(
                        SupportRoutingEnvironment.RESOLUTIONS,
                        null,
                        at + 60_000,
                        key,
                        JSON.writeValueAsString(resolution)));
            }
        }
        return records;
    }
}
