package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.StagedFile;
import io.trainset.connect.dataset.card.CardSeed;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.ResolutionExtractor;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.ConnectorProps;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.Extractors;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset.max.columns and label.max.distinct, as a task wires them: bounded, and seeded from the card across restarts. */
class DatasetBoundsTest {

    private static final long T0 = 1_780_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private LocalObjectStore store;
    private final TestClock clock = TestClock.atMillis(T0);
    private final List<StagedFile> files = new ArrayList<>();

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
    }

    private DatasetWiring wiring(String... keysAndValues) {
        return new DatasetWiring(config(keysAndValues), store, clock, CardSeed.read(store));
    }

    private TrainsetSinkConfig config(String... keysAndValues) {
        Map<String, String> props = ConnectorProps.of("output.url", root.toUri().toString());
        props.putAll(ConnectorProps.of(keysAndValues));
        return new TrainsetSinkConfig(props);
    }

    /** A ticket whose nested 'attrs' object has a key of its own: free-form attributes. */
    private static Map<String, Object> ticket(int n) {
        return Map.of("title", "Ticket " + n, "attrs", Map.of("k" + n, n));
    }

    private static Row row(int n, Features features, String label) {
        return new Row(
                "ISSUE-" + n,
                features,
                label,
                T0 + n,
                T0 + n + 1,
                JoinStatus.JOINED,
                1,
                List.of(new SourcePosition("issues", 0, n)));
    }

    /** Writes the rows of every record the extractor accepts, commits them, and returns how many were rejected. */
    private int writeTickets(DatasetWiring wiring, int from, int to, List<String> rejections) {
        FeatureExtractor features = wiring.featureExtractor();
        DatasetWriters writers = DatasetWriters.of(wiring.writerContext());
        DatasetWriter writer = writers.writer(0, "w" + from);
        int rejected = 0;
        for (int n = from; n < to; n++) {
            try {
                writer.write(row(n, features.extract(ticket(n)), "billing"));
            } catch (IllegalArgumentException e) {
                rejections.add(e.getMessage());
                rejected++;
            }
        }
        clock.advance(Duration.ofMinutes(10));
        writer.rotateDue();
        files.addAll(writers.commit(writer, 0).files());
        return rejected;
    }

    @Test
    void twoHundredRecordsWithVaryingNestedKeysMakeABoundedNumberOfColumnsAndFiles() throws IOException {
        List<String> rejections = new ArrayList<>();

        int rejected = writeTickets(wiring("dataset.max.columns", "10"), 0, 200, rejections);

        Set<String> columns = new LinkedHashSet<>();
        JSON.readTree(store.read(DatasetCard.JSON_KEY).orElseThrow())
                .path("schema")
                .forEach(c -> columns.add(c.path("name").asText()));
        assertThat(columns)
                .filteredOn(c -> c.startsWith("attrs_") || c.equals("title"))
                .hasSize(10);
        assertThat(rejected).isEqualTo(191);
        assertThat(files).hasSizeLessThanOrEqualTo(10);
        assertThat(rejections.get(0))
                .isEqualTo("it would add 1 column(s) (attrs_k9) to the 10 the dataset has, past "
                        + "dataset.max.columns=10 (a nested object whose keys vary per record adds a column per key); exclude "
                        + "the field that brings them (features.exclude), list the fields to keep (features.include), or "
                        + "raise dataset.max.columns");
    }

    @Test
    void aRecordPastTheColumnBoundIsABadRecordNamingItsPositionTheColumnsAndTheFix() {
        TrainsetSinkConfig config = config("dataset.max.columns", "2");
        DatasetWiring wiring = new DatasetWiring(config, store, clock, CardSeed.read(store));
        EventExtractor extractor = Extractors.events(
                Map.of("issues", Side.SUBMITTED, "resolutions", Side.RESOLVED),
                config.eventSettings(),
                clock::millis,
                config.submittedKeyField(),
                config.resolvedKeyField(),
                config.labelField(),
                wiring.featureExtractor(),
                wiring.resolutionExtractor());
        extractor.extract(issue(0, Map.of("title", "t", "attrs", Map.of("a", 1))));

        assertThatThrownBy(() -> extractor.extract(issue(7, Map.of("title", "t", "attrs", Map.of("b", 2)))))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record issues-0@7 cannot be used: it would add columns past dataset.max.columns: 1 new "
                        + "column(s) (attrs_b) beside the 2 the dataset has, dataset.max.columns=2. Fix: exclude the "
                        + "field that brings them (features.exclude; a nested object whose keys vary per record adds "
                        + "a column per key), list the fields to keep (features.include), or raise "
                        + "dataset.max.columns.");
        assertThat(extractor
                        .extract(issue(8, Map.of("title", "u", "attrs", Map.of("a", 3))))
                        .key())
                .isEqualTo("K8");
    }

    private static SinkRecord issue(long offset, Map<String, Object> value) {
        return issue(offset, value, T0);
    }

    private static SinkRecord issue(long offset, Object value, long timestamp) {
        return new SinkRecord(
                "issues",
                0,
                Schema.STRING_SCHEMA,
                "K" + offset,
                null,
                value,
                offset,
                timestamp,
                TimestampType.CREATE_TIME);
    }

    @Test
    void aRecordFarAheadOfTheWorkersClockIsABadRecordAndTakesNoPlaceUnderTheColumnBound() {
        TrainsetSinkConfig config = config("dataset.max.columns", "3", "value.format", "json");
        EventExtractor extractor = new Wiring((url, s3) -> store, clock)
                .extractor(config, new DatasetWiring(config, store, clock, CardSeed.read(store)));
        long year9999 = 253_370_764_800_000L;

        assertThatThrownBy(
                        () -> extractor.extract(issue(1, "{\"title\":\"t\",\"attrs\":{\"x1\":1,\"x2\":2}}", year9999)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("its record timestamp is "
                        + "more than join.time.max.ahead.ms (86400000 ms) ahead of the worker's clock");

        assertThat(((Features) extractor
                                .extract(issue(2, "{\"title\":\"t\",\"attrs\":{\"a\":1,\"b\":2}}", T0))
                                .payload())
                        .columns())
                .extracting(Column::name)
                .containsExactly("title", "attrs_a", "attrs_b");
    }

    @Test
    void theColumnBoundHoldsAcrossARestartSeededFromTheCard() throws IOException {
        writeTickets(wiring("dataset.max.columns", "10"), 0, 20, new ArrayList<>());
        assertThat(JSON.readTree(store.read(DatasetCard.JSON_KEY).orElseThrow())
                        .path("schema")
                        .size())
                .as("the 10 columns and the task's own")
                .isGreaterThanOrEqualTo(10);

        FeatureExtractor restarted = wiring("dataset.max.columns", "10").featureExtractor();

        assertThatThrownBy(() -> restarted.extract(ticket(500))).hasMessageContaining("to the 10 the dataset has");
        assertThat(restarted.extract(ticket(3)).columns())
                .extracting(Column::name)
                .containsExactlyInAnyOrder("title", "attrs_k3");
    }

    @Test
    void newLabelsPastTheBoundAreRejectedAndTheBoundHoldsAcrossARestart() throws IOException {
        ResolutionExtractor resolutions = wiring("label.max.distinct", "3").resolutionExtractor();
        for (String label : List.of("billing", "technical", "billing", "shipping")) {
            assertThat(resolutions.resolve(label, Map.of()).label()).isEqualTo(label);
        }
        assertThatThrownBy(() -> resolutions.resolve("Please refund me, order 1234", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("its label 'Please refund me, order 1234' would be a new label beyond the 3 the dataset "
                        + "has, past label.max.distinct=3 (is label.field pointed at free text?); set label.allowed "
                        + "with label.unknown.policy=other, map labels with label.mapping, point label.field at the "
                        + "label, or raise label.max.distinct");

        DatasetWiring first = wiring("label.max.distinct", "3");
        FeatureExtractor features = first.featureExtractor();
        DatasetWriters writers = DatasetWriters.of(first.writerContext());
        DatasetWriter writer = writers.writer(0, "aaaa");
        List.of("billing", "technical", "shipping")
                .forEach(l -> writer.write(row(l.length(), features.extract(Map.of("title", "t")), l)));
        clock.advance(Duration.ofMinutes(10));
        writer.rotateDue();
        files.addAll(writers.commit(writer, 0).files());

        ResolutionExtractor restarted = wiring("label.max.distinct", "3").resolutionExtractor();
        assertThat(restarted.resolve("technical", Map.of()).label()).isEqualTo("technical");
        assertThatThrownBy(() -> restarted.resolve("accounts", Map.of())).hasMessageContaining("beyond the 3");
    }

    @Test
    void labelsBoundedByTheAllowedListAreNotCountedAgainstTheBound() {
        ResolutionExtractor resolutions = wiring(
                        "label.max.distinct",
                        "1",
                        "label.allowed",
                        "billing,technical",
                        "label.unknown.policy",
                        "other")
                .resolutionExtractor();

        assertThat(List.of("billing", "technical", "free text").stream()
                        .map(l -> resolutions.resolve(l, Map.of()).label()))
                .containsExactly("billing", "technical", "other");
    }
}
