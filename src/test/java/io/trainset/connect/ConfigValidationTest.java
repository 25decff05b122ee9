package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.config.DatasetSettings;
import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.model.Policies;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.pipeline.CommitTiming;
import io.trainset.connect.pipeline.JoinBuffer;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.Nesting;
import io.trainset.connect.storage.ObjectStores;
import io.trainset.connect.storage.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    private static final String TOPICS_MISMATCH_FIX = "Set 'topics' to issues,resolutions.";
    private static final String CREDENTIALS = "Set both 's3.access.key.id' and 's3.secret.access.key' for static "
            + "credentials, or neither to use the default AWS credential chain.";
    private static final String SIDE_LISTS_IN_SINGLE_TOPIC_MODE =
            "With 'event.type.field' set, every topic in 'topics' holds both kinds of events, told apart by that "
                    + "field: leave 'submitted.topics' and 'resolved.topics' empty.";
    private static final String OUTPUT_URL_FIX =
            "Use 's3://bucket/prefix' or 'file:///absolute/dir', e.g. " + "'s3://ml-data/support-routing'.";

    private final TrainsetSinkConnector connector = new TrainsetSinkConnector();

    /** The smallest valid configuration, as the REST API passes it (with the worker's own keys). */
    private static Map<String, String> valid() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("name", "support-routing");
        props.put("connector.class", TrainsetSinkConnector.class.getName());
        props.put("topics", "issues,resolutions");
        props.put("submitted.topics", "issues");
        props.put("resolved.topics", "resolutions");
        props.put("label.field", "department");
        props.put("output.url", "file:///tmp/trainset-test");
        return props;
    }

    private static Map<String, String> valid(String... keysAndValues) {
        Map<String, String> props = valid();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                props.remove(keysAndValues[i]);
            } else {
                props.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return props;
    }

    /** Error messages by key, for the keys that have any. */
    private Map<String, List<String>> errors(Map<String, String> props) {
        Config config = connector.validate(props);
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void aValidConfigHasNoErrors() {
        assertThat(errors(valid())).isEmpty();
    }

    @Test
    void theShippedS3ExampleIsValid() {
        assertThat(errors(valid(
                        "output.url",
                        "s3://ml-datasets/support-routing",
                        "s3.endpoint",
                        "http://minio:9000",
                        "s3.path.style.access",
                        "true",
                        "s3.access.key.id",
                        "AKIAEXAMPLE",
                        "s3.secret.access.key",
                        "secret",
                        "features.include",
                        "title,description,product,priority,customer.tier")))
                .isEmpty();
    }

    /** The connector configuration shipped in config/, as the REST API would get it. */
    private static Map<String, String> shipped() throws IOException {
        Map<String, String> props = new LinkedHashMap<>(new ObjectMapper()
                .readValue(
                        Path.of("config", "support-routing.json").toFile(),
                        new TypeReference<Map<String, String>>() {}));
        props.put("name", "support-routing");
        return props;
    }

    @Test
    void theShippedExampleConfigIsValid() throws IOException {
        assertThat(errors(shipped())).isEmpty();
    }

    /** A key the connector no longer defines (e.g. the old join.timeout.ms) would be silently ignored. */
    @Test
    void theShippedExampleConfigUsesOnlyKeysThatExist() throws IOException {
        Set<String> known = new HashSet<>(TrainsetSinkConfig.CONFIG_DEF.names());
        known.addAll(SinkConnectorConfig.configDef().names());
        List<String> prefixes = List.of(
                "key.converter.",
                "value.converter.",
                "header.converter.",
                "transforms.",
                "predicates.",
                "consumer.override.");

        assertThat(shipped().keySet())
                .allSatisfy(key -> assertThat(
                                known.contains(key) || prefixes.stream().anyMatch(key::startsWith))
                        .as("'%s' is a key of the connector or of Connect", key)
                        .isTrue());
    }

    @Test
    void aMissingLabelFieldIsReportedOnIt() {
        Map<String, List<String>> errors = errors(valid("label.field", null));

        assertThat(errors).containsOnlyKeys("label.field");
        // ConfigDef also runs the path validator on the missing (null) value, which adds "Invalid value null ..."
        assertThat(errors.get("label.field"))
                .first()
                .isEqualTo("Missing required configuration \"label.field\" which has no default value.");
    }

    @Test
    void aRoleTopicMissingFromTopicsIsReportedOnEveryKeyInvolved() {
        String message = "Topic(s) [resolutions] are in 'submitted.topics'/'resolved.topics' but not in 'topics', so "
                + "the worker would never deliver them. " + TOPICS_MISMATCH_FIX;

        assertThat(errors(valid("topics", "issues")))
                .isEqualTo(Map.of(
                        "topics", List.of(message),
                        "submitted.topics", List.of(message),
                        "resolved.topics", List.of(message)));
    }

    @Test
    void aSubscribedTopicWithoutRoleIsReportedOnEveryKeyInvolved() {
        String message = "Topic(s) [audit-log] are in 'topics' but in neither 'submitted.topics' nor "
                + "'resolved.topics'. Add each to the list of its side, or remove it from 'topics'.";

        assertThat(errors(valid("topics", "issues, resolutions, audit-log")))
                .isEqualTo(Map.of(
                        "topics", List.of(message),
                        "submitted.topics", List.of(message),
                        "resolved.topics", List.of(message)));
    }

    @Test
    void aTopicOnBothSidesIsReportedOnBothLists() {
        String message = "Topic(s) [resolutions] are listed as both submitted and resolved; each topic holds one "
                + "side. Remove them from one of the lists.";

        assertThat(errors(valid("submitted.topics", "issues,resolutions")))
                .isEqualTo(Map.of(
                        "submitted.topics", List.of(message),
                        "resolved.topics", List.of(message)));
    }

    @Test
    void anAccessKeyWithoutSecretIsReportedOnBothKeys() {
        assertThat(errors(valid("s3.access.key.id", "AKIAEXAMPLE")))
                .isEqualTo(Map.of(
                        "s3.access.key.id", List.of(CREDENTIALS),
                        "s3.secret.access.key", List.of(CREDENTIALS)));
        assertThat(errors(valid("s3.secret.access.key", "secret")))
                .isEqualTo(Map.of(
                        "s3.access.key.id", List.of(CREDENTIALS),
                        "s3.secret.access.key", List.of(CREDENTIALS)));
    }

    @Test
    void anOutputUrlThatIsNeitherS3NorAnAbsoluteFileUrlIsRejectedWithTheFix() {
        assertThat(errors(valid("output.url", "http://x")))
                .isEqualTo(Map.of(
                        "output.url",
                        List.of("Invalid value http://x for configuration output.url: " + OUTPUT_URL_FIX)));
        assertThat(errors(valid("output.url", "file:relative")))
                .isEqualTo(Map.of(
                        "output.url",
                        List.of("Invalid value file:relative for configuration output.url: " + OUTPUT_URL_FIX)));
        assertThat(errors(valid("output.url", "s3://")))
                .isEqualTo(Map.of(
                        "output.url", List.of("Invalid value s3:// for configuration output.url: " + OUTPUT_URL_FIX)));
    }

    @Test
    void anOutputUrlTheStoreCannotOpenIsRejectedByValidate() {
        for (String url : List.of("s3://ml-data/../other", "s3://ml-data:9000/x", "file:///tmp/trainset?x=1")) {
            assertThatThrownBy(() -> ObjectStores.open(URI.create(url), S3Settings.defaults()))
                    .as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid storage URL '" + url + "': ");
            assertThat(errors(valid("output.url", url))).as(url).containsOnlyKeys("output.url");
        }
    }

    @Test
    void aPageLargerThanTheRowGroupIsRejectedByValidate() {
        Map<String, String> props = valid("parquet.row.group.bytes", "1048576", "parquet.page.bytes", "2097152");

        assertThatThrownBy(() -> new TrainsetSinkConfig(props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parquet sizes must satisfy 0 < page bytes <= row group bytes, got page bytes 2097152 and "
                        + "row group bytes 1048576; e.g. 1048576 and 67108864");
        assertThat(errors(props)).containsOnlyKeys("parquet.page.bytes", "parquet.row.group.bytes");
    }

    @Test
    void anInactivityIntervalSetAtOrAboveTheRotationIntervalIsReportedOnBothKeys() {
        String message = "'rotate.inactivity.ms' (60000) must be below 'rotate.interval.ms' (60000), or 0 to turn "
                + "it off: files rotate before they could be finished for inactivity. Lower 'rotate.inactivity.ms' "
                + "(e.g. 2000) or raise 'rotate.interval.ms'.";

        assertThat(errors(valid("rotate.interval.ms", "60000", "rotate.inactivity.ms", "60000")))
                .isEqualTo(Map.of("rotate.inactivity.ms", List.of(message), "rotate.interval.ms", List.of(message)));
        assertThat(errors(valid("rotate.interval.ms", "60000", "rotate.inactivity.ms", "59999")))
                .isEmpty();
        assertThat(errors(valid("rotate.interval.ms", "1000", "rotate.inactivity.ms", "0")))
                .as("off")
                .isEmpty();
        assertThat(errors(valid("rotate.interval.ms", "1000")))
                .as("the default is not held against a short rotation interval")
                .isEmpty();
        assertThat(errors(valid("rotate.inactivity.ms", "-1"))).containsOnlyKeys("rotate.inactivity.ms");
        assertThat(new TrainsetSinkConfig(valid("rotate.inactivity.ms", "0")).commitTiming())
                .isEqualTo(new CommitTiming(Duration.ofMinutes(10), Duration.ZERO));
    }

    @Test
    void datasetKeysAreCheckedPerKeyAndAcrossKeys() {
        assertThat(errors(valid("split.ratios", "train=0.8,test=0.1")))
                .isEqualTo(Map.of(
                        "split.ratios",
                        List.of(
                                "Invalid value [train=0.8, test=0.1] for configuration split.ratios: The split ratios add up to 0.9, "
                                        + "not 1; e.g. 'train=0.8,validation=0.1,test=0.1'.")));
        assertThat(errors(valid("layout.partitions", "split,customer"))).containsOnlyKeys("layout.partitions");
        String holdout = "A time holdout (split.holdout.after) sends later rows to the split 'test', which "
                + "split.ratios does not name. Add it, e.g. 'train=0.8,validation=0.1,test=0.1', or clear "
                + "split.holdout.after.";
        assertThat(errors(valid("split.ratios", "train=0.9,dev=0.1", "split.holdout.after", "2026-10-01T00:00:00Z")))
                .isEqualTo(Map.of("split.ratios", List.of(holdout), "split.holdout.after", List.of(holdout)));
        assertThat(errors(valid("features.nested", "nested")))
                .isEqualTo(Map.of(
                        "features.nested",
                        List.of("Invalid value nested for configuration features.nested: Use one of flatten, group.")));
        String unknown = "label.unknown.policy=other needs the known labels: set label.allowed (e.g. "
                + "'billing,technical'), or set label.unknown.policy=keep.";
        assertThat(errors(valid("label.unknown.policy", "other")))
                .isEqualTo(Map.of("label.allowed", List.of(unknown), "label.unknown.policy", List.of(unknown)));
    }

    @Test
    void theDatasetGroupParsesTypedValues() {
        DatasetSettings settings = new TrainsetSinkConfig(valid(
                        "split.ratios",
                        "train=0.7,test=0.3",
                        "split.seed",
                        "7",
                        "split.group.field",
                        "customer.id",
                        "split.holdout.after",
                        "2026-10-01T00:00:00Z",
                        "layout.partitions",
                        "dt,split",
                        "layout.date.timezone",
                        "Europe/Berlin",
                        "label.normalize",
                        "lower",
                        "label.mapping",
                        "Billing Dept=billing",
                        "label.allowed",
                        "billing,tech",
                        "label.unknown.policy",
                        "dlq",
                        "features.rename",
                        "customer_tier=tier",
                        "features.nested",
                        "GROUP",
                        "resolved.fields",
                        "resolution.text",
                        "schema.type.change.policy",
                        "new_column"))
                .datasetSettings();

        assertThat(settings.splits().names()).containsExactly("train", "test");
        assertThat(settings.splits().holdoutAfter()).hasValue(java.time.Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(settings.groupField()).hasValue(FieldPath.parse("customer.id"));
        assertThat(settings.layout().levels())
                .containsExactly(io.trainset.connect.model.PathLevel.DATE, io.trainset.connect.model.PathLevel.SPLIT);
        assertThat(settings.labels().apply(" BILLING dept")).isEqualTo("billing");
        assertThat(settings.labels().classNames()).hasValue(List.of("billing", "tech"));
        assertThat(settings.featureRenames()).isEqualTo(Map.of("customer_tier", "tier"));
        assertThat(settings.nesting()).isEqualTo(Nesting.GROUP);
        assertThat(settings.resolvedFields()).containsExactly(FieldPath.parse("resolution.text"));
        assertThat(settings.typeChangePolicy()).isEqualTo(io.trainset.connect.record.ColumnTypeGuard.Policy.NEW_COLUMN);
    }

    @Test
    void topicsRegexIsRejected() {
        assertThat(errors(valid("topics", null, "topics.regex", "support-.*")))
                .isEqualTo(
                        Map.of(
                                "topics.regex",
                                List.of(
                                        "'topics.regex' is not supported: the join needs to know which topic is "
                                                + "which side. List the topics in 'topics' and in 'submitted.topics'/'resolved.topics'.")));
    }

    @Test
    void theConfigParsesTypedValues() {
        TrainsetSinkConfig config = new TrainsetSinkConfig(valid(
                "submitted.key.field", "issue.id",
                "label.field", "outcome.code",
                "features.include", "title, customer.tier",
                "features.exclude", "customer_email",
                "join.window.after.ms", "3600000",
                "join.timed.out.policy", "drop",
                "flush.size", "500",
                "rotate.interval.ms", "60000",
                "parquet.compression", "ZSTD",
                "parquet.row.group.bytes", "8388608",
                "parquet.page.bytes", "65536",
                "output.upload.threads", "8",
                "s3.region", "eu-west-1",
                "s3.endpoint", "http://minio:9000",
                "s3.path.style.access", "true",
                "s3.access.key.id", "AKIAEXAMPLE",
                "s3.secret.access.key", "s3cr3t-value",
                "s3.max.attempts", "5"));

        assertThat(config.submittedTopics()).containsExactly("issues");
        assertThat(config.resolvedTopics()).containsExactly("resolutions");
        assertThat(config.submittedKeyField()).hasValue(new FieldPath(List.of("issue", "id")));
        assertThat(config.resolvedKeyField()).isEmpty();
        assertThat(config.labelField()).isEqualTo(new FieldPath(List.of("outcome", "code")));
        assertThat(config.featureIncludes())
                .containsExactly(new FieldPath(List.of("title")), new FieldPath(List.of("customer", "tier")));
        assertThat(config.featureExcludes()).containsExactly("customer_email");
        assertThat(config.joinSettings())
                .isEqualTo(JoinSettings.of(Duration.ofHours(1)).with(Policies.TimedOut.DROP));
        assertThat(config.outputUrl()).isEqualTo(URI.create("file:///tmp/trainset-test"));
        assertThat(config.flushSize()).isEqualTo(500);
        assertThat(config.rotateInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.parquetSettings())
                .isEqualTo(new ParquetSettings(CompressionCodecName.ZSTD, 8_388_608L, 65_536));
        assertThat(config.uploadThreads()).isEqualTo(8);
        assertThat(config.s3Settings())
                .isEqualTo(new S3Settings(
                        Optional.of("eu-west-1"),
                        Optional.of(URI.create("http://minio:9000")),
                        true,
                        Optional.of("AKIAEXAMPLE"),
                        Optional.of("s3cr3t-value"),
                        5,
                        S3Settings.DEFAULT_PART_SIZE_BYTES));
    }

    @Test
    void theS3SettingsNeverPrintTheSecret() {
        TrainsetSinkConfig config = new TrainsetSinkConfig(
                valid("s3.access.key.id", "AKIAEXAMPLE", "s3.secret.access.key", "s3cr3t-value"));

        assertThat(config.s3Settings().toString())
                .isEqualTo("S3Settings[region=<default chain>, endpoint=<AWS>, pathStyleAccess=false, "
                        + "accessKeyId=AKIAEXAMPLE, secretAccessKey=[hidden], maxAttempts=10, "
                        + "partSizeBytes=8388608, attemptTimeout=60000 ms, callTimeout=120000 ms]")
                .doesNotContain("s3cr3t");
    }

    @Test
    void defaultsApplyToEverythingLeftOut() {
        TrainsetSinkConfig config = new TrainsetSinkConfig(valid("output.url", null));

        assertThat(config.submittedKeyField()).isEmpty();
        assertThat(config.featureIncludes()).isEmpty();
        assertThat(config.featureExcludes()).isEmpty();
        assertThat(config.datasetSettings().nesting()).isEqualTo(Nesting.FLATTEN);
        assertThat(config.joinSettings())
                .isEqualTo(new JoinSettings(
                        Duration.ZERO,
                        Duration.ofDays(7),
                        Duration.ZERO,
                        Duration.ZERO,
                        Policies.Versions.FIRST,
                        Policies.Resolutions.FIRST,
                        Policies.TimedOut.EMIT,
                        Policies.Orphan.DLQ,
                        Policies.Late.DLQ,
                        Duration.ofDays(1),
                        Duration.ZERO));
        assertThat(config.joinSettings()).isEqualTo(JoinSettings.of(Duration.ofDays(7)));
        assertThat(config.eventSettings()).isEqualTo(EventSettings.defaults());
        assertThat(config.joinBuffer())
                .isEqualTo(new JoinBuffer(256L * 1024 * 1024, Path.of(System.getProperty("java.io.tmpdir")), 300_000));
        assertThat(config.inputTopics()).containsExactly("issues", "resolutions");
        assertThat(config.outputUrl()).isEqualTo(URI.create("file:///tmp/trainset"));
        assertThat(config.flushSize()).isEqualTo(10_000);
        assertThat(config.rotateInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.commitTiming()).isEqualTo(new CommitTiming(Duration.ofMinutes(10), Duration.ofSeconds(2)));
        assertThat(config.parquetSettings()).isEqualTo(ParquetSettings.defaults());
        assertThat(config.uploadThreads()).isEqualTo(4);
        assertThat(config.s3Settings())
                .isEqualTo(new S3Settings(
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        Optional.empty(),
                        Optional.empty(),
                        10,
                        S3Settings.DEFAULT_PART_SIZE_BYTES));
    }

    @Test
    void theJoinAndEventTimeKeysParseTypedValues() {
        TrainsetSinkConfig config = new TrainsetSinkConfig(valid(
                "submitted.time.field", "issue.created_at",
                "resolved.time.field", "closed_at",
                "join.time.mode", "Processing",
                "join.window.after.ms", "7200000",
                "join.window.before.ms", "300000",
                "join.grace.ms", "30000",
                "join.idle.timeout.ms", "60000",
                "join.time.max.ahead.ms", "3600000",
                "join.late.policy", "join",
                "join.timed.out.policy", "DLQ",
                "join.orphan.policy", "drop",
                "join.submission.versions", "latest",
                "join.resolutions", "all",
                "join.buffer.max.bytes", "1048576",
                "join.spill.dir", "/var/lib/trainset/spill",
                "join.alignment.max.drift.ms", "0"));

        assertThat(config.joinSettings())
                .isEqualTo(JoinSettings.of(Duration.ofHours(2))
                        .withBefore(Duration.ofMinutes(5))
                        .withGrace(Duration.ofSeconds(30))
                        .withIdleTimeout(Duration.ofMinutes(1))
                        .with(Policies.Late.JOIN)
                        .with(Policies.TimedOut.DLQ)
                        .with(Policies.Orphan.DROP)
                        .with(Policies.Versions.LATEST)
                        .with(Policies.Resolutions.ALL)
                        .withMaxAhead(Duration.ofHours(1)));
        assertThat(config.eventSettings())
                .isEqualTo(new EventSettings(
                        Optional.of(new FieldPath(List.of("issue", "created_at"))),
                        Optional.of(FieldPath.parse("closed_at")),
                        Policies.TimeMode.PROCESSING,
                        Optional.empty(),
                        "submitted",
                        "resolved"));
        assertThat(config.joinBuffer()).isEqualTo(new JoinBuffer(1_048_576L, Path.of("/var/lib/trainset/spill")));
    }

    @Test
    void theJoinKeysAreValidated() {
        assertThat(errors(valid("join.late.policy", "retry")))
                .isEqualTo(
                        Map.of(
                                "join.late.policy",
                                List.of(
                                        "Invalid value retry for configuration join.late.policy: Use one of dlq, drop, join.")));
        assertThat(errors(valid("join.timed.out.policy", "ignore"))).containsOnlyKeys("join.timed.out.policy");
        assertThat(errors(valid("join.orphan.policy", "emit"))).containsOnlyKeys("join.orphan.policy");
        assertThat(errors(valid("join.submission.versions", "last"))).containsOnlyKeys("join.submission.versions");
        assertThat(errors(valid("join.resolutions", "latest"))).containsOnlyKeys("join.resolutions");
        assertThat(errors(valid("join.time.mode", "ingestion"))).containsOnlyKeys("join.time.mode");
        assertThat(errors(valid("join.window.after.ms", "0"))).containsOnlyKeys("join.window.after.ms");
        assertThat(errors(valid("join.window.before.ms", "-1"))).containsOnlyKeys("join.window.before.ms");
        assertThat(errors(valid("join.grace.ms", "-1"))).containsOnlyKeys("join.grace.ms");
        assertThat(errors(valid("join.idle.timeout.ms", "-1"))).containsOnlyKeys("join.idle.timeout.ms");
        assertThat(errors(valid("join.time.max.ahead.ms", "-1"))).containsOnlyKeys("join.time.max.ahead.ms");
        assertThat(errors(valid("join.buffer.max.bytes", "1048575")))
                .isEqualTo(Map.of(
                        "join.buffer.max.bytes",
                        List.of("Invalid value 1048575 for configuration join.buffer.max.bytes: Value must be at least "
                                + "1048576")));
        assertThat(errors(valid("join.spill.dir", "spill")))
                .isEqualTo(
                        Map.of(
                                "join.spill.dir",
                                List.of(
                                        "Invalid "
                                                + "value spill for configuration join.spill.dir: Give an absolute path of a local directory with room, "
                                                + "such as '/var/lib/trainset/spill', or leave it empty for the worker's temporary directory.")));
        assertThat(errors(valid("submitted.time.field", "issue..created_at"))).containsOnlyKeys("submitted.time.field");
    }

    @Test
    void aMissingSideTopicListIsReportedWithTheFix() {
        String message = "Name the topics of each side: 'submitted.topics' (e.g. support-issues) and "
                + "'resolved.topics' (e.g. support-resolutions), or set 'event.type.field' when both kinds share one "
                + "topic.";

        assertThat(errors(valid("resolved.topics", null)))
                .isEqualTo(Map.of(
                        "resolved.topics", List.of(message),
                        "event.type.field", List.of(message)));
        assertThat(errors(valid("submitted.topics", null)))
                .isEqualTo(Map.of(
                        "submitted.topics", List.of(message),
                        "event.type.field", List.of(message)));
        assertThat(errors(valid("submitted.topics", " ")))
                .isEqualTo(Map.of(
                        "submitted.topics", List.of(message),
                        "event.type.field", List.of(message)));
    }

    @Test
    void bothMissingSideTopicListsAreReportedOnBoth() {
        String message = "Name the topics of each side: 'submitted.topics' (e.g. support-issues) and "
                + "'resolved.topics' (e.g. support-resolutions), or set 'event.type.field' when both kinds share one "
                + "topic.";

        assertThat(errors(valid("submitted.topics", null, "resolved.topics", null)))
                .isEqualTo(Map.of(
                        "submitted.topics", List.of(message),
                        "resolved.topics", List.of(message),
                        "event.type.field", List.of(message)));
    }

    /** Single-topic mode: both kinds of events in the topics of 'topics', told apart by a type field. */
    private static Map<String, String> singleTopic(String... keysAndValues) {
        Map<String, String> props = valid(
                "topics",
                "support-events",
                "submitted.topics",
                null,
                "resolved.topics",
                null,
                "event.type.field",
                "type");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                props.remove(keysAndValues[i]);
            } else {
                props.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return props;
    }

    @Test
    void aSingleTopicConfigIsValidAndReadsItsTopics() {
        Map<String, String> props =
                singleTopic("event.type.submitted", "issue_opened", "event.type.resolved", "issue_resolved");

        assertThat(errors(props)).isEmpty();
        TrainsetSinkConfig config = new TrainsetSinkConfig(props);
        assertThat(config.submittedTopics()).isEmpty();
        assertThat(config.resolvedTopics()).isEmpty();
        assertThat(config.inputTopics()).containsExactly("support-events");
        assertThat(config.eventSettings())
                .isEqualTo(new EventSettings(
                        Optional.empty(),
                        Optional.empty(),
                        Policies.TimeMode.EVENT,
                        Optional.of(FieldPath.parse("type")),
                        "issue_opened",
                        "issue_resolved"));
    }

    @Test
    void singleTopicModeReadsEveryTopicOfTopics() {
        TrainsetSinkConfig config = new TrainsetSinkConfig(singleTopic("topics", "support-events, legacy-events"));

        assertThat(config.inputTopics()).containsExactly("support-events", "legacy-events");
        assertThat(config.eventSettings().submittedType()).isEqualTo("submitted");
        assertThat(config.eventSettings().resolvedType()).isEqualTo("resolved");
    }

    @Test
    void singleTopicModeRejectsASideTopicList() {
        assertThat(errors(singleTopic("submitted.topics", "support-events")))
                .isEqualTo(Map.of(
                        "event.type.field", List.of(SIDE_LISTS_IN_SINGLE_TOPIC_MODE),
                        "submitted.topics", List.of(SIDE_LISTS_IN_SINGLE_TOPIC_MODE)));
        assertThat(errors(singleTopic("resolved.topics", "support-events")))
                .isEqualTo(Map.of(
                        "event.type.field", List.of(SIDE_LISTS_IN_SINGLE_TOPIC_MODE),
                        "resolved.topics", List.of(SIDE_LISTS_IN_SINGLE_TOPIC_MODE)));
    }

    @Test
    void singleTopicModeReportsBothSideTopicListsWhenBothAreSet() {
        assertThat(errors(singleTopic(
                        "topics",
                        "issues,resolutions",
                        "submitted.topics",
                        "issues",
                        "resolved.topics",
                        "resolutions")))
                .isEqualTo(Map.of(
                        "event.type.field", List.of(SIDE_LISTS_IN_SINGLE_TOPIC_MODE),
                        "submitted.topics", List.of(SIDE_LISTS_IN_SINGLE_TOPIC_MODE),
                        "resolved.topics", List.of(SIDE_LISTS_IN_SINGLE_TOPIC_MODE)));
    }

    @Test
    void singleTopicModeNeedsTopics() {
        assertThat(errors(singleTopic("topics", null)))
                .isEqualTo(Map.of(
                        "topics", List.of("Single-topic mode reads the topics in 'topics': name at least one.")));
    }

    @Test
    void parsingAnInvalidValueFailsWithTheFix() {
        assertThatThrownBy(() -> new TrainsetSinkConfig(valid("output.url", "http://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value http://x for configuration output.url: " + OUTPUT_URL_FIX);
    }

    @Test
    void uploadThreadsOutsideTheirRangeAreRejectedOnTheKey() {
        assertThat(errors(valid("output.upload.threads", "0")))
                .isEqualTo(Map.of(
                        "output.upload.threads",
                        List.of("Invalid value 0 for configuration output.upload.threads: Value must be at least 1")));
    }
}
