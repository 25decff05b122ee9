package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.model.SplitSpec;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.DatasetReader;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.TestClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The label-directory option (layout.partitions=split,label): with the option docs/dataset.md gives each reader
 * (DuckDB hive_types, Polars hive_schema, Spark partitionColumnTypeInference.enabled=false), numeric-looking labels
 * read back as the exact strings, 007 and 7 apart.
 */
class LabelDirectoryReadersIT {

    private static final long T0 = 1_780_000_000_000L;
    private static final List<String> LABELS = List.of("1", "2", "10", "007", "7");

    @TempDir
    Path root;

    @Test
    void everyReaderWithItsOptionReadsNumericLookingLabelDirectoriesAsStrings() throws Exception {
        List<String> expected = new ArrayList<>();
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            DatasetShape shape = Datasets.shape(
                    new SplitSpec(List.of(new SplitSpec.Ratio("train", 1.0)), "", Optional.empty()),
                    LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL),
                    Optional.empty());
            DatasetWriters writers = DatasetWriters.in(store)
                    .shape(shape)
                    .flushSize(100)
                    .clock(TestClock.atMillis(T0))
                    .build();
            DatasetWriter writer = writers.writer(0, "tok");
            for (int i = 0; i < LABELS.size(); i++) {
                writer.write(row(i, LABELS.get(i)));
                expected.add("train|\"" + LABELS.get(i) + "\"=1");
            }
            writer.write(row(LABELS.size(), null));
            expected.add("train|null=1");
            writers.commit(writer, 0);
        }

        for (DatasetReader reader : DatasetReader.values()) {
            Optional<DatasetReader.Summary> summary = reader.summary(root, true);
            if (summary.isEmpty()) {
                System.out.println(reader + " check skipped: the reader is not installed here");
                continue;
            }
            assertThat(summary.get().counts())
                    .as(reader.name())
                    .isEqualTo(expected.stream().sorted().toList());
        }
    }

    private static Row row(int n, String label) {
        return new Row(
                "K-" + n,
                Features.EMPTY,
                label,
                T0 + n,
                label == null ? null : T0 + n + 1,
                label == null ? JoinStatus.TIMED_OUT : JoinStatus.JOINED,
                label == null ? 0 : 1,
                List.of(new SourcePosition("issues", 0, n)));
    }
}
