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
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.ConnectorProps;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.ParquetFiles;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schemaless feature named like a column Trainset writes becomes feature_<name>, in every record and after a restart. */
class ReservedColumnNamesTest {

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

    private TrainsetSinkConfig config() {
        return new TrainsetSinkConfig(
                ConnectorProps.of("output.url", root.toUri().toString(), "value.format", "json"));
    }

    /** A task's extractor over what the store holds now (the card seeds the columns' types). */
    private EventExtractor startTask(DatasetWiring wiring) {
        return new Wiring((url, s3) -> store, clock).extractor(config(), wiring);
    }

    private static SinkRecord issue(long offset, String json) {
        return new SinkRecord("issues", 0, null, "ISSUE-" + offset, null, json, offset, T0, TimestampType.CREATE_TIME);
    }

    /** Writes the features of these records as joined rows and commits the file. */
    private void write(DatasetWiring wiring, List<Features> features) {
        DatasetWriters writers = DatasetWriters.of(wiring.writerContext());
        DatasetWriter writer = writers.writer(0, "w" + files.size());
        for (int i = 0; i < features.size(); i++) {
            writer.write(new Row(
                    "ISSUE-" + i,
                    features.get(i),
                    "billing",
                    T0,
                    T0 + 1,
                    JoinStatus.JOINED,
                    1,
                    List.of(new SourcePosition("issues", 0, i))));
        }
        clock.advance(Duration.ofMinutes(10));
        writer.rotateDue();
        files.addAll(writers.commit(writer, 0).files());
    }

    private static Features featuresOf(EventExtractor extractor, SinkRecord record) {
        return (Features) extractor.extract(record).payload();
    }

    @Test
    void aRecordWithFieldsNamedLikeTrainsetsColumnsBecomesARowWithThemRenamed() throws IOException {
        DatasetWiring wiring = new DatasetWiring(config(), store, clock, CardSeed.read(store));
        EventExtractor extractor = startTask(wiring);

        Features features = featuresOf(
                extractor,
                issue(0, "{\"title\":\"t\",\"submitted_at\":\"2026-01-01\",\"key\":\"x\",\"split\":\"mine\"}"));
        write(wiring, List.of(features));

        assertThat(features.columns())
                .extracting(Column::name)
                .containsExactly("title", "feature_submitted_at", "feature_key", "feature_split");
        GenericRecord row =
                ParquetFiles.records(root.resolve(files.get(0).key())).get(0);
        assertThat(row.get("key").toString()).isEqualTo("ISSUE-0");
        assertThat(row.get("feature_key").toString()).isEqualTo("x");
        assertThat(row.get("feature_submitted_at").toString()).isEqualTo("2026-01-01");
        assertThat(row.get("feature_split").toString()).isEqualTo("mine");
    }

    @Test
    void theRenamedColumnKeepsItsNameAndTypeAcrossRecordsAndARestart() throws IOException {
        DatasetWiring first = new DatasetWiring(config(), store, clock, CardSeed.read(store));
        EventExtractor extractor = startTask(first);
        write(
                first,
                List.of(
                        featuresOf(extractor, issue(0, "{\"submitted_at\":5}")),
                        featuresOf(extractor, issue(1, "{\"title\":\"t\",\"submitted_at\":6}"))));
        List<String> cardColumns = new ArrayList<>();
        JSON.readTree(store.read(DatasetCard.JSON_KEY).orElseThrow())
                .path("schema")
                .forEach(c -> cardColumns.add(
                        c.path("name").asText() + ":" + c.path("type").asText()));
        assertThat(cardColumns).contains("feature_submitted_at:long");

        EventExtractor restarted = startTask(new DatasetWiring(config(), store, clock, CardSeed.read(store)));

        assertThat(featuresOf(restarted, issue(2, "{\"submitted_at\":7,\"feature_submitted_at\":8}"))
                        .columns())
                .extracting(Column::name)
                .containsExactly("feature_submitted_at", "feature_feature_submitted_at");
        assertThatThrownBy(() -> restarted.extract(issue(3, "{\"submitted_at\":\"seven\"}")))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("'feature_submitted_at'");
    }
}
