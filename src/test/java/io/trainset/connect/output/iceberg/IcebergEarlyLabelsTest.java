package io.trainset.connect.output.iceberg;

import static io.trainset.connect.output.iceberg.IcebergTables.AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.testing.IcebergRows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        IcebergTables tables = IcebergTables.local(dir, IcebergTables.shape(Duration.ofMillis(10_000), true));
        IcebergOutput output = tables.output();
        Features f = new Features(List.of(AMOUNT), List.of(1.0));
        Row.Version v1 = Row.Version.FINAL_V1;
        Row.Version v2 = new Row.Version(2, null, null);
        Row prov = new Row("k", f, null, 1_000L, null, JoinStatus.PROVISIONAL, 0, List.of(), Features.EMPTY, v1);
        Row fin = new Row("k", f, "billing", 1_000L, 5_000L, JoinStatus.JOINED, 1, List.of(), Features.EMPTY, v2);
        Row other = new Row("j", f, "tech", 1_000L, 1_050L, JoinStatus.JOINED, 1, List.of(), Features.EMPTY, v1);
        output.publish(tables.stage(output, 3, 1, "aaaa", AMOUNT, List.of(prov, other)), () -> {});
        output.publish(tables.stage(output, 3, 2, "aaaa", AMOUNT, List.of(fin)), () -> {});
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
