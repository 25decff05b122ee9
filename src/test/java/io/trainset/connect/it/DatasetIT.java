package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetReader;
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
    /**
     * Labels as producers send them: words to normalise and map, hostile ones, numeric-looking ones that readers
     * inferring a type from values would turn into numbers (and {@code 007} into 7), and the empty label.
     */
    private static final List<String> RAW_LABELS = List.of(
            "Billing Dept",
            "TECH/Support",
            "a=b",
            "two  Words",
            "..",
            "Rechnungsprüfung 📦",
            "%2F",
            "1",
            "2",
            "10",
            "007",
            "",
            "\"#'*?{[]^",
            "C:\\Temp");
    /** The label each raw label is written as (label.normalize=lower, then label.mapping). */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("Billing Dept", "billing/eu"),
            Map.entry("TECH/Support", "tech/support"),
            Map.entry("a=b", "a=b"),
            Map.entry("two  Words", "two words"),
            Map.entry("..", ".."),
            Map.entry("Rechnungsprüfung 📦", "rechnungsprüfung 📦"),
            Map.entry("%2F", "%2f"),
            Map.entry("1", "1"),
            Map.entry("2", "2"),
            Map.entry("10", "10"),
            Map.entry("007", "007"),
            Map.entry("", ""),
            Map.entry("\"#'*?{[]^", "\"#'*?{[]^"),
            Map.entry("C:\\Temp", "c:\\temp"));

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Columns each reader must see, in its own type names: the label a string, the column added midway. */
    private static final Map<DatasetReader, List<String>> READER_COLUMNS = Map.of(
            DatasetReader.DUCKDB,
            List.of(
                    "channel:VARCHAR",
                    "priority:BIGINT",
                    "label:VARCHAR",
                    "split:VARCHAR",
                    "label_deadline:TIMESTAMP WITH TIME ZONE"),
            DatasetReader.POLARS,
            List.of(
                    "channel:String",
                    "priority:Int64",
                    "label:String",
                    "split:String",
                    "label_deadline:Datetime(ms,UTC)"),
            DatasetReader.SPARK,
            List.of("channel:string", "priority:bigint", "label:string", "split:string", "label_deadline:timestamp"));

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
            assertThat(row.get("label"))
                    .isEqualTo(n % 10 == 0 ? null : LABELS.get(RAW_LABELS.get(n % RAW_LABELS.size())));
            assertThat(row.get("channel")).isEqualTo(n >= ISSUES / 2 ? "email" : null);
            assertThat(row.get("note")).isEqualTo(n % 10 == 0 ? null : "note " + n);
            assertThat(row.get("priority")).isEqualTo((long) (n % 4));
            assertThat(row.get("label_deadline")).isEqualTo((Long) row.get("submitted_at") + DAY);
            assertThat(row.get("join_status")).isEqualTo(n % 10 == 0 ? "timed_out" : "joined");
        });
        assertThat(files).extracting(ReadFile::key).noneMatch(key -> key.contains("label="));
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
        List<String> expected = countsOf(table);
        assertCardMatches(expected, files);
        assertReadersReadTheSameDataset(expected, files);
    }

    /**
     * DuckDB, Polars and Spark, reading the bucket's directory as their recipes in docs/dataset.md say, see the same rows
     * per split and label as the card, every label the exact string (1, 007, "", the hostile ones), the column added
     * midway and the label deadline.
     */
    private static void assertReadersReadTheSameDataset(List<String> expected, List<ReadFile> files) throws Exception {
        for (DatasetReader reader : DatasetReader.values()) {
            Optional<DatasetReader.Summary> summary =
                    reader.summary(env.s3.bucketDirectory(BUCKET).resolve(PREFIX));
            if (summary.isEmpty()) {
                System.out.println(reader + " check skipped: run 'npm ci --prefix tools/readers' to enable it");
                continue;
            }
            assertThat(summary.get().counts()).as(reader.name()).isEqualTo(expected);
            assertThat(summary.get().files()).as(reader.name()).isEqualTo(files.size());
            assertThat(summary.get().columns())
                    .as(reader.name())
                    .contains(READER_COLUMNS.get(reader).toArray(String[]::new))
                    .doesNotHaveDuplicates();
            System.out.printf("%s read the same %s in %d files%n", reader, summary.get(), files.size());
        }
    }

    /** Rows per split and label, as "split|label=rows" with the label JSON-quoted, so "" and null stay apart. */
    private static List<String> countsOf(List<Map<String, Object>> table) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> r : table) {
            counts.merge(r.get("split") + "|" + JSON.writeValueAsString(r.get("label")), 1L, Long::sum);
        }
        return counts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .toList();
    }

    private static void assertCardMatches(List<String> expected, List<ReadFile> files) {
        JsonNode card = ConnectClusterFixture.await("a current dataset card", Duration.ofSeconds(30), () -> {
            ResponseBytes<?> bytes =
                    env.s3.s3Client().getObjectAsBytes(b -> b.bucket(BUCKET).key(PREFIX + "/_trainset/dataset.json"));
            JsonNode read = JSON.readTree(bytes.asByteArray());
            return read.path("rows").asLong() == ISSUES ? read : null;
        });
        List<String> counted = new ArrayList<>();
        card.path("counts")
                .forEach(c -> counted.add(c.path("split").asText() + "|" + c.path("label") + "="
                        + c.path("rows").asLong()));
        assertThat(counted.stream().sorted().toList()).isEqualTo(expected);
        assertThat(card.path("files").asLong()).isEqualTo(files.size());
        assertThat(card.path("layout").path("path_levels")).hasSize(1);
        assertThat(card.path("join").path("timed_out_rows").asLong()).isEqualTo(ISSUES / 10);
        assertThat(card.path("join").path("orphaned_resolutions").asLong()).isEqualTo(1); // the DLQ'd issue's
        List<String> schema = new ArrayList<>();
        card.path("schema")
                .forEach(c -> schema.add(
                        c.path("name").asText() + ":" + c.path("type").asText()));
        assertThat(schema).contains("channel:string", "note:string", "priority:long", "customer_tier:string");
        System.out.printf("Dataset IT: %d rows in %d files, card %s%n", ISSUES, files.size(), counted);
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
                        new HashMap<>(Map.of("department", RAW_LABELS.get(n % RAW_LABELS.size()), "note", "note " + n));
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
