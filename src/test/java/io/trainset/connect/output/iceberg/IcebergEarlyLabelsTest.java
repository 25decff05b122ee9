package io.trainset.connect.output.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.PreparedCommit;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SplitSpec;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.IcebergRows;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The early-label mode's rows and columns in an Iceberg table: a key's provisional and final rows side by side. */
class IcebergEarlyLabelsTest {
    @TempDir
    Path dir;

    @Test
    void provisionalAndFinalRowsOfOneKeyLandInTheTable() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("out"));
        IcebergTables tables = new IcebergTables(store, dir);
        DatasetShape shape = new DatasetShape(
                new SplitSpec(
                        List.of(new SplitSpec.Ratio("train", 0.5), new SplitSpec.Ratio("test", 0.5)),
                        "",
                        Optional.empty()),
                new LayoutSpec(List.of(PathLevel.SPLIT), ZoneOffset.UTC, false),
                Optional.empty(),
                Duration.ofMillis(10_000),
                true);
        DatasetWriters writers = DatasetWriters.in(store).shape(shape).build();
        IcebergOutput output = tables.output();
        Column amount = IcebergTables.AMOUNT;
        Features f = new Features(List.of(amount), List.of(1.0));
        Row prov = new Row("k", f, null, 1_000L, null, JoinStatus.PROVISIONAL, 0, List.of(), Features.EMPTY, 1);
        Row fin = new Row("k", f, "billing", 1_000L, 5_000L, JoinStatus.JOINED, 1, List.of(), Features.EMPTY, 2);
        Row other = new Row("j", f, "tech", 1_000L, 1_050L, JoinStatus.JOINED, 1, List.of(), Features.EMPTY, 1);
        int seq = 1;
        for (List<Row> batch : List.of(List.of(prov, other), List.of(fin))) {
            DatasetWriter writer =
                    new DatasetWriter(writers.context(), 3, "aaaa", seq, output.staging(3, "aaaa"), Runnable::run);
            batch.forEach(writer::write);
            PreparedCommit prepared = writer.prepare();
            Checkpoint cp = new Checkpoint(
                    3,
                    seq,
                    seq,
                    Map.of(),
                    new JoinSnapshot(Long.MIN_VALUE, Map.of(), List.of()),
                    prepared.files().stream()
                            .map(x -> new Checkpoint.File(x.key(), x.staged(), x.rows()))
                            .toList());
            output.publish(cp, () -> {});
            seq++;
        }
        Table table = tables.table();
        assertThat(table.schema().findField("label_version").type()).isEqualTo(Types.IntegerType.get());
        assertThat(table.schema().findField("label_final").type()).isEqualTo(Types.BooleanType.get());
        assertThat(table.schema().findField("case_started_at")).isNotNull();
        List<String> seen = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergRows.scan(table, table.newScan())) {
            for (Record r : records) {
                seen.add(r.getField("key") + "/" + r.getField("join_status") + "/" + r.getField("label_version") + "/"
                        + r.getField("label_final") + "/" + r.getField("label"));
            }
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "k/provisional/1/false/null", "k/joined/2/true/billing", "j/joined/1/true/tech");
    }
}
