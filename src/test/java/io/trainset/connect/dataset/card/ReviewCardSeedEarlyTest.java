package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.record.ColumnTypeGuard;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewCardSeedEarlyTest {
    private static final String CARD = """
            {"schema": [
               {"name": "key", "type": "string"},
               {"name": "a", "type": "string"},
               {"name": "label_deadline", "type": "timestamp_millis"},
               {"name": "label_version", "type": "int"},
               {"name": "label_final", "type": "boolean"}],
             "counts": []}
            """;

    @Test
    void earlyLabelColumnsAreSeededAsFeatureColumns() throws Exception {
        CardSeed seed = CardSeed.parse(CARD.getBytes(StandardCharsets.UTF_8));
        System.out.println("SEEDED " + seed.columns());
        assertThat(seed.columns()).doesNotContainKeys("label_version", "label_final");
    }

    @Test
    void afterARestartTheColumnBoundCountsThem() throws Exception {
        CardSeed seed = CardSeed.parse(CARD.getBytes(StandardCharsets.UTF_8));
        ColumnTypeGuard before = new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ, 2);
        before.establish("a", ColumnType.STRING);
        ColumnTypeGuard after = new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ, 2);
        seed.columns().forEach(after::establish);
        List<Column> record = List.of(new Column("a", ColumnType.STRING), new Column("b", ColumnType.STRING));
        before.use(before.check(record)); // fits: 2 feature columns, bound 2
        assertThatThrownBy(() -> after.use(after.check(record)))
                .as("the same record after a restart")
                .isNull();
    }
}
