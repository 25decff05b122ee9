package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.dataset.card.CardContext;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FeatureOptions;
import io.trainset.connect.record.Nesting;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.ParquetFiles;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group columns through the DatasetWriter: read back, described to Hugging Face and in the card, evolved. */
class GroupColumnsTest {

    private static final long T0 = 1_780_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ColumnType ADDRESS =
            ColumnType.struct(List.of(new Column("city", ColumnType.STRING), new Column("zip", ColumnType.INT)));
    private static final ColumnType CUSTOMER =
            ColumnType.struct(List.of(new Column("tier", ColumnType.STRING), new Column("address", ADDRESS)));
    private static final List<Column> TICKET =
            List.of(new Column("title", ColumnType.STRING), new Column("customer", CUSTOMER));

    @TempDir
    Path root;

    private LocalObjectStore store;
    private final TestClock clock = TestClock.atMillis(T0);
    private DatasetWriters writers;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
    }

    private DatasetWriter writer(int flushSize) {
        DatasetShape shape = Datasets.labelOnly();
        CardContext card =
                Datasets.cardContext(store.location(), shape.layout(), shape.splitSpec(), Optional.empty(), false);
        writers = DatasetWriters.in(store)
                .shape(shape)
                .flushSize(flushSize)
                .clock(clock)
                .card(new DatasetCard(store, card, clock))
                .build();
        return writers.writer(0, "tok");
    }

    private static Row row(int n, Features features) {
        return new Row(
                "ISSUE-" + n,
                features,
                "billing",
                T0 + n,
                T0 + n + 1_000,
                JoinStatus.JOINED,
                1,
                List.of(new SourcePosition("issues", 0, n)));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private ReadFile read(StagedFile file) throws IOException {
        return DatasetFiles.readLocal(root.resolve(file.key()), file.key());
    }

    @Test
    void aGroupIsReadBackAsNestedFieldsAndDescribedToHuggingFaceAndInTheCard() throws IOException {
        DatasetWriter writer = writer(1);

        writer.write(row(0, new Features(TICKET, List.of("Charged twice", List.of("pro", List.of("Berlin", 10115))))));
        writer.rotateDue();
        List<StagedFile> commits = writers.commit(writer, 0).files();

        assertThat(read(commits.get(0)).rows())
                .singleElement()
                .satisfies(r -> assertThat(r.columns().get("customer"))
                        .isEqualTo(map("tier", "pro", "address", map("city", "Berlin", "zip", 10115))));
        JsonNode features = JSON.readTree(
                        ParquetFiles.footer(root.resolve(commits.get(0).key()))
                                .getFileMetaData()
                                .getKeyValueMetaData()
                                .get(HuggingFaceFeatures.METADATA_KEY))
                .path("info")
                .path("features");
        assertThat(features.path("customer"))
                .isEqualTo(JSON.readTree("{\"tier\":{\"dtype\":\"string\",\"_type\":"
                        + "\"Value\"},\"address\":{\"city\":{\"dtype\":\"string\",\"_type\":\"Value\"},\"zip\":{\"dtype\":"
                        + "\"int32\",\"_type\":\"Value\"}}}"));
        JsonNode card = JSON.readTree(store.read(DatasetCard.JSON_KEY).orElseThrow());
        JsonNode customer = null;
        for (JsonNode column : card.path("schema")) {
            customer = column.path("name").asText().equals("customer") ? column : customer;
        }
        assertThat(customer.path("type").asText()).isEqualTo("struct<tier:string,address:struct<city:string,zip:int>>");
        assertThat(ColumnType.parse(customer.path("type").asText())).isEqualTo(CUSTOMER);
        assertThat(new String(store.read(DatasetCard.README_KEY).orElseThrow()))
                .contains("| `customer` | `struct<tier:string,address:struct<city:string,zip:int>>` |");
    }

    @Test
    void aChangedGroupGoesToItsOwnColumnSoNoTwoFilesDisagreeOnAType() throws IOException {
        FeatureExtractor features = new FeatureExtractor(
                List.of(),
                List.of(),
                new FeatureOptions(
                        Map.of(),
                        Set.of(),
                        Optional.empty(),
                        false,
                        new ColumnTypeGuard(ColumnTypeGuard.Policy.NEW_COLUMN),
                        Nesting.GROUP));
        DatasetWriter writer = writer(100);

        writer.write(row(0, features.extract(map("title", "a", "customer", map("tier", "pro")))));
        writer.write(row(1, features.extract(map("title", "b", "customer", map("tier", "free", "region", "eu")))));
        writer.write(row(2, features.extract(map("title", "c", "customer", map("tier", null)))));
        clock.advance(Duration.ofMinutes(10));
        writer.rotateDue();
        List<StagedFile> commits = writers.commit(writer, 0).files();

        assertThat(commits).extracting(StagedFile::rows).containsExactly(1L, 2L);
        List<Map<String, Object>> table = DatasetFiles.unionByName(List.of(read(commits.get(0)), read(commits.get(1))));
        assertThat(table)
                .extracting(r -> r.get("title"), r -> r.get("customer"), r -> r.get("customer__struct_78add4b6"))
                .containsExactly(
                        tuple("a", map("tier", "pro"), null),
                        tuple("b", null, map("tier", "free", "region", "eu")),
                        tuple("c", null, null));
    }
}
