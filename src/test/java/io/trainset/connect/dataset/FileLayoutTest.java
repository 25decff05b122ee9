package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.HostileLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileLayoutTest {

    private static final long NOV_3_2026_2330_UTC = 1_793_748_600_000L;
    private static final LayoutSpec LABEL_DIRECTORIES = LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL);
    private static final LayoutSpec ALL_LEVELS =
            new LayoutSpec(List.of(PathLevel.SPLIT, PathLevel.LABEL, PathLevel.DATE), ZoneId.of("UTC"), false);

    @TempDir
    Path root;

    static Stream<Arguments> hostileLabels() {
        return HostileLabels.withLevels().map(a -> Arguments.of(a.get()[0]));
    }

    private static Row row(String label, long submittedAtMs) {
        return new Row("ISSUE-1", Features.EMPTY, label, submittedAtMs, null, JoinStatus.TIMED_OUT, 0, List.of());
    }

    @Test
    void theDefaultLayoutIsTheSplitWithTheLabelInTheFilesAndFileNamesStartWithTheSplit() {
        FileLayout layout = new FileLayout(3, LayoutSpec.defaults());
        String directory = layout.directoryOf(row("007", 0), "train");

        assertThat(layout.fileKey(directory, "train", 42, 1)).isEqualTo("split=train/train-0003-00000042-1.parquet");
        assertThat(LayoutSpec.defaults().columnsInFiles()).containsExactly(PathLevel.LABEL);
        assertThat(layout.valueOf(PathLevel.LABEL, row("007", 0), "train")).isEqualTo("007");
        assertThat(layout.valueOf(PathLevel.LABEL, row("", 0), "train")).isEqualTo("");
        assertThat(layout.valueOf(PathLevel.LABEL, row(null, 0), "train")).isNull();
    }

    @Test
    void theLabelDirectoryLayoutPutsTheLabelAfterTheSplit() {
        FileLayout layout = new FileLayout(3, LABEL_DIRECTORIES);
        String directory = layout.directoryOf(row("billing/eu", 0), "train");

        assertThat(layout.fileKey(directory, "train", 42, 1))
                .isEqualTo("split=train/label=billing%2Feu/train-0003-00000042-1.parquet");
    }

    @Test
    void theDateLevelIsTheSubmittedDayInTheConfiguredZone() {
        Row late = row("billing", NOV_3_2026_2330_UTC);

        assertThat(new FileLayout(0, ALL_LEVELS).directoryOf(late, "test"))
                .isEqualTo("split=test/label=billing/dt=2026-11-03");
        assertThat(new FileLayout(0, new LayoutSpec(List.of(PathLevel.DATE), ZoneId.of("Europe/Berlin"), false))
                        .directoryOf(late, "test"))
                .isEqualTo("dt=2026-11-04");
    }

    @Test
    void levelsThatAreNotInThePathBecomeColumnsAndTheOptionAddsTheOthers() {
        assertThat(LABEL_DIRECTORIES.columnsInFiles()).isEmpty();
        assertThat(new LayoutSpec(List.of(PathLevel.DATE), ZoneId.of("UTC"), false).columnsInFiles())
                .containsExactly(PathLevel.SPLIT, PathLevel.LABEL);
        assertThat(new LayoutSpec(List.of(PathLevel.SPLIT, PathLevel.DATE), ZoneId.of("UTC"), true).columnsInFiles())
                .containsExactly(PathLevel.SPLIT, PathLevel.LABEL, PathLevel.DATE);
    }

    @ParameterizedTest
    @MethodSource("hostileLabels")
    void aHostileLabelStaysInsideThePrefixAndDecodesBack(String label) throws IOException {
        FileLayout layout = new FileLayout(0, ALL_LEVELS);
        Row row = row(label, NOV_3_2026_2330_UTC);
        String key = layout.fileKey(layout.directoryOf(row, "validation"), "validation", 1, 0);
        LocalObjectStore store = new LocalObjectStore(root.resolve("prefix"));

        try (ObjectOutput out = store.create(key)) {
            out.write(1);
            out.commit();
        }

        assertThat(key.split("/")).hasSize(4).noneMatch(segment -> segment.equals("..") || segment.equals("."));
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).toList())
                    .singleElement()
                    .satisfies(file -> assertThat(file.normalize().startsWith(root.resolve("prefix")))
                            .isTrue());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("split", "validation");
        expected.put("label", label);
        expected.put("dt", "2026-11-03");
        assertThat(DatasetFiles.partitionsOf(key)).isEqualTo(expected);
        assertThat(key.substring(key.lastIndexOf('/') + 1)).isEqualTo("validation-0000-00000001-0.parquet");
    }

    @Test
    void aNullOrEmptyLabelIsHivesNullPartition() {
        FileLayout layout = new FileLayout(0, LABEL_DIRECTORIES);

        assertThat(layout.directoryOf(row(null, 0), "train")).isEqualTo("split=train/label=__HIVE_DEFAULT_PARTITION__");
        assertThat(layout.directoryOf(row("", 0), "train")).isEqualTo("split=train/label=__HIVE_DEFAULT_PARTITION__");
    }
}
