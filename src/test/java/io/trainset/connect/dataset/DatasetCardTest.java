package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.dataset.card.CardContext;
import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.dataset.card.UnitProgress;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer with the default shape, the Hugging Face metadata, the open-file budget and the dataset card. */
class DatasetCardTest {

    private static final long T0 = 1_780_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Column> TICKET = List.of(new Column("title", ColumnType.STRING));
    private static final List<String> CLASSES = List.of("billing", "technical", "other");

    @TempDir
    Path root;

    private LocalObjectStore store;
    private final TestClock clock = TestClock.atMillis(T0);
    private DatasetWriters writers;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
    }

    /** The set-up of the writers of a test: the default shape with class names, and the card. */
    private DatasetWriters writers(int flushSize, OpenFileBudget budget) {
        return writers(flushSize, budget, LayoutSpec.defaults());
    }

    /** As above, with these path levels. */
    private DatasetWriters writers(int flushSize, OpenFileBudget budget, LayoutSpec layout) {
        DatasetShape defaults = DatasetShape.defaults();
        DatasetShape shape = Datasets.shape(defaults.splitSpec(), layout, Optional.of(CLASSES));
        CardContext card =
                Datasets.cardContext(store.location(), shape.layout(), shape.splitSpec(), Optional.of(CLASSES), false);
        writers = DatasetWriters.in(store)
                .shape(shape)
                .flushSize(flushSize)
                .clock(clock)
                .budget(budget)
                .card(new DatasetCard(store, card, clock))
                .build();
        return writers;
    }

    private static Row row(int n, String label, long lagMs) {
        return new Row(
                "ISSUE-" + n,
                new Features(TICKET, List.of("Title " + n)),
                label,
                T0 + n,
                label == null ? null : T0 + n + lagMs,
                label == null ? JoinStatus.TIMED_OUT : JoinStatus.JOINED,
                label == null ? 0 : 1,
                List.of(new SourcePosition("issues", 0, n)));
    }

    private List<Path> parquetFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static UnitProgress progress(int unit, PreparedCommit prepared) {
        return new UnitProgress(unit, prepared.sequence(), Map.of(), Long.MIN_VALUE, false, T0);
    }

    private JsonNode card() throws IOException {
        return JSON.readTree(store.read(DatasetCard.JSON_KEY).orElseThrow());
    }

    @Test
    void everyFileCarriesHuggingFaceFeaturesWithTheLabelNamesAsAClassLabel() throws IOException {
        DatasetWriter writer = writers(1, OpenFileBudget.unbounded()).writer(0, "tok");

        writer.write(row(1, "technical", 1_000));
        writers.commit(writer, 0);

        Path file = parquetFiles().get(0);
        Map<String, String> metadata;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            metadata = reader.getFileMetaData().getKeyValueMetaData();
        }
        JsonNode features =
                JSON.readTree(metadata.get("huggingface")).path("info").path("features");
        assertThat(JSON.readTree(metadata.get("huggingface")).fieldNames())
                .toIterable()
                .containsExactly("info");
        assertThat(features.fieldNames())
                .toIterable()
                .containsExactly(
                        "key",
                        "title",
                        "label",
                        "label_id",
                        "label_deadline",
                        "submitted_at",
                        "resolved_at",
                        "resolution_ms",
                        "join_status",
                        "resolution_count");
        assertThat(features.path("label_id"))
                .isEqualTo(JSON.readTree("{\"_type\":\"ClassLabel\",\"names\":[\"billing\",\"technical\",\"other\"]}"));
        assertThat(features.path("title")).isEqualTo(JSON.readTree("{\"dtype\":\"string\",\"_type\":\"Value\"}"));
        assertThat(features.path("label")).isEqualTo(JSON.readTree("{\"dtype\":\"string\",\"_type\":\"Value\"}"));
        assertThat(features.path("resolution_ms").path("dtype").asText()).isEqualTo("int64");
        assertThat(features.path("submitted_at").path("dtype").asText()).isEqualTo("timestamp[ms, tz=UTC]");
        assertThat(features.path("label_deadline").path("dtype").asText()).isEqualTo("timestamp[ms, tz=UTC]");
        String key = root.relativize(file).toString();
        assertThat(DatasetFiles.readLocal(file, key).rows())
                .singleElement()
                .satisfies(r -> assertThat(r.columns().get("label_id")).isEqualTo(1L));
    }

    @Test
    void theOpenFileBudgetFinishesTheLeastRecentlyWrittenFile() {
        OpenFileBudget budget = new OpenFileBudget(2, Long.MAX_VALUE);
        DatasetWriter writer = writers(100, budget, LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL))
                .writer(0, "tok");
        Row billing = row(1, "billing", 1);
        String billingSplit = DatasetShape.defaults().splitOf(billing);

        writer.write(billing);
        writer.write(row(2, "technical", 1));
        writer.write(row(3, "other", 1));

        assertThat(writers.staged(0))
                .singleElement()
                .satisfies(key -> assertThat(key)
                        .startsWith("split=" + billingSplit + "/label=billing/" + billingSplit + "-0000-00000001-0"));
        assertThat(budget.openFiles()).isEqualTo(2);
        assertThat(budget.earlyFinishes()).isEqualTo(1);
        assertThat(writer.openRows()).isEqualTo(2);
    }

    @Test
    void anUnreadableCardPartIsSkippedAndTheCardStillCountsTheOthers() throws IOException {
        store.createIfAbsent(
                DatasetCard.PARTS + "unit-0009-old0.json",
                "{\"cells\":[{\"key_sketch\":\"AAAA\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        DatasetWriter writer = writers(7, OpenFileBudget.unbounded()).writer(0, "aaaa");
        for (int n = 0; n < 10; n++) {
            writer.write(row(n, "billing", 60_000L));
        }
        clock.advance(Duration.ofMinutes(10));
        writer.rotateDue();
        writers.commit(writer, 0);

        assertThat(card().path("rows").asLong()).isEqualTo(10);
    }

    @Test
    void theCardCountsEqualTheRowsInTheFilesAndMergeAcrossWriters() throws IOException {
        writers(7, OpenFileBudget.unbounded());
        DatasetWriter first = writers.writer(0, "aaaa");
        DatasetWriter second = writers.writer(1, "bbbb");
        for (int n = 0; n < 300; n++) {
            (n % 2 == 0 ? first : second)
                    .write(row(n, n % 10 == 0 ? null : n % 3 == 0 ? "billing" : "technical", 60_000L * (1 + n % 100)));
        }
        first.noteDropped(CardStats.Dropped.ORPHANED_RESOLUTIONS);
        clock.advance(Duration.ofMinutes(10));
        first.rotateDue();
        second.rotateDue();
        writers.commit(first, 0);
        writers.commit(second, 1);

        JsonNode card = card();
        long rowsInFiles = 0;
        for (Path file : parquetFiles()) {
            rowsInFiles += DatasetFiles.readLocal(file, root.relativize(file).toString())
                    .rows()
                    .size();
        }
        assertThat(card.path("rows").asLong()).isEqualTo(300).isEqualTo(rowsInFiles);
        assertThat(card.path("files").asLong()).isEqualTo(parquetFiles().size());
        assertThat(card.path("card_parts").asInt()).isEqualTo(2);
        long sumOfCells = 0;
        for (JsonNode cell : card.path("counts")) {
            sumOfCells += cell.path("rows").asLong();
            assertThat((double) cell.path("keys").asLong())
                    .isCloseTo(cell.path("rows").asLong(), within(2.0));
        }
        assertThat(sumOfCells).isEqualTo(300);
        assertThat(card.path("join").path("timed_out_rows").asLong()).isEqualTo(30);
        assertThat(card.path("join").path("orphaned_resolutions").asLong()).isEqualTo(1);
        assertThat(card.path("resolution_lag_ms").path("count").asLong()).isEqualTo(270);
        assertThat(card.path("resolution_lag_ms").path("p50").asDouble()).isCloseTo(3_000_000, within(150_000.0));
        assertThat(card.path("label_names")).hasToString("[\"billing\",\"technical\",\"other\"]");
        assertThat(card.path("labels_missing_from_train")).hasToString("[\"other\"]");
        assertThat(card.path("connector_version").asText()).isEqualTo("1.2.3");
        assertThat(card.path("event_time").path("min").asText()).isEqualTo("2026-05-28T20:26:40Z");
        assertThat(new String(store.read(DatasetCard.README_KEY).orElseThrow()))
                .contains("load_dataset(\"parquet\", data_files={\"train\": \"" + store.location()
                        + "/split=train/**/*.parquet\"")
                .contains("union_by_name = true");
        assertThat(store.list("")).filteredOn(k -> !k.endsWith(".parquet")).allMatch(k -> k.startsWith("_trainset/"));
    }

    @Test
    void aCommitWithMoreWaitingLeavesTheViewToTheLastOfThemUnlessTheViewIsTenSecondsOld() throws IOException {
        writers(100, OpenFileBudget.unbounded());
        DatasetWriter first = writers.writer(0, "aaaa");
        DatasetWriter second = writers.writer(1, "bbbb");
        first.write(row(1, "billing", 1_000));
        writers.commit(first, 0, false);
        assertThat(card().path("rows").asLong()).isEqualTo(1);

        second.write(row(2, "billing", 1_000));
        writers.commit(second, 1, true);
        assertThat(card().path("rows").asLong())
                .as("left to the last commit waiting")
                .isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        second.write(row(3, "billing", 1_000));
        writers.commit(second, 1, true);
        assertThat(card().path("rows").asLong())
                .as("the view is ten seconds old")
                .isEqualTo(3);
    }

    @Test
    void finishedFilesWhoseUploadsNeverRanAreDiscardedLeavingNothingButTheUploadedOne() throws IOException {
        List<Runnable> uploads = new ArrayList<>();
        DatasetWriter writer = writers(5, OpenFileBudget.unbounded()).writer(0, "aaaa", 1, uploads::add);
        for (int n = 0; n < 12; n++) {
            writer.write(row(n, "billing", 60_000L));
        }
        PreparedCommit prepared = writer.prepare();
        uploads.get(0).run();

        writer.close();
        writer.closedForUploads();

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(f -> root.relativize(f).toString()))
                    .containsExactly(prepared.files().get(0).staged());
        }
    }

    @Test
    void aCommitsFilesAreUploadedToTheirStagedKeysWhereTheyAreHandedToAndCountedInTheCardOnceItIsPublished()
            throws IOException {
        List<Runnable> uploads = new ArrayList<>();
        DatasetWriter writer = writers(5, OpenFileBudget.unbounded()).writer(0, "aaaa", 1, uploads::add);
        for (int n = 0; n < 12; n++) {
            writer.write(row(n, "billing", 60_000L));
        }
        writer.noteDropped(CardStats.Dropped.DUPLICATES);

        PreparedCommit prepared = writer.prepare();

        assertThat(prepared.sequence()).isEqualTo(1);
        assertThat(writer.sequence()).as("the next commit started").isEqualTo(2);
        assertThat(writer.finishedFileCount()).isZero();
        assertThat(prepared.rows()).isEqualTo(12);
        assertThat(uploads).hasSameSizeAs(prepared.files());
        assertThat(writers.staged(0))
                .as("nothing uploaded before the uploads run")
                .isEmpty();
        uploads.forEach(Runnable::run);
        assertThat(writers.staged(0))
                .containsExactlyInAnyOrderElementsOf(
                        prepared.files().stream().map(StagedFile::key).toList());
        assertThat(parquetFiles()).as("nothing published before the commit").isEmpty();
        assertThat(store.list(DatasetCard.PARTS))
                .as("nothing counted before the commit is published")
                .isEmpty();

        writer.published(prepared, progress(0, prepared), false);

        JsonNode card = card();
        assertThat(card.path("rows").asLong()).isEqualTo(12);
        assertThat(card.path("files").asLong()).isEqualTo(prepared.files().size());
        assertThat(card.path("join").path("duplicates").asLong()).isEqualTo(1);
    }

    @Test
    void aRestartedUnitsWriterAbsorbsTheOlderPartOnlyOnceItsFirstCommitIsPublished() throws IOException {
        writers(100, OpenFileBudget.unbounded());
        DatasetWriter before = writers.writer(0, "aaaa");
        before.write(row(1, "billing", 1_000));
        writers.commit(before, 0);
        DatasetWriter restarted = writers.writer(0, "bbbb", 2, Runnable::run);
        restarted.write(row(2, "billing", 1_000));

        PreparedCommit prepared = restarted.prepare();
        assertThat(store.list(DatasetCard.PARTS))
                .as("not before its checkpoint and publication")
                .containsExactly(DatasetCard.PARTS + "unit-0000-aaaa.json");
        restarted.published(prepared, progress(0, prepared), false);

        assertThat(store.list(DatasetCard.PARTS)).containsExactly(DatasetCard.PARTS + "unit-0000-bbbb.json");
        assertThat(card().path("rows").asLong()).isEqualTo(2);
        assertThat(card().path("card_parts").asInt()).isEqualTo(1);
    }

    @Test
    void theCardStatesTheFileNamePatternTheWriterWrites() throws IOException {
        DatasetWriter writer = writers(1, OpenFileBudget.unbounded()).writer(3, "tok");
        Row billing = row(1, "billing", 1_000);
        writer.write(billing);
        writers.commit(writer, 3);

        String stated = card().path("layout").path("file_name").asText();
        assertThat(stated).isEqualTo(DatasetKeys.DATA_FILE_NAME);
        // each <part> of the stated pattern stands for one dash-free part of the name; the rest is literal
        Matcher name = Pattern.compile(Pattern.quote(stated).replaceAll("<[a-z]+>", "\\\\E([^-/]+)\\\\Q"))
                .matcher(parquetFiles().get(0).getFileName().toString());
        assertThat(name.matches())
                .as("%s names %s", stated, parquetFiles().get(0))
                .isTrue();
        assertThat(List.of(name.group(1), name.group(2), name.group(3), name.group(4)))
                .containsExactly(DatasetShape.defaults().splitOf(billing), "0003", "00000001", "0");
    }
}
