package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.record.ColumnTypeGuard;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A restart over a dataset written in the early-label mode: the mode's columns are Trainset's, not features. */
class CardSeedEarlyLabelsTest {

    private static final String CARD = """
            {"schema": [
               {"name": "key", "type": "string"},
               {"name": "a", "type": "string"},
               {"name": "label_deadline", "type": "timestamp_millis"},
               {"name": "label_version", "type": "int"},
               {"name": "label_final", "type": "boolean"},
               {"name": "case_started_at", "type": "timestamp_millis"}],
             "counts": []}
            """;

    private static CardSeed seed(String card) throws Exception {
        return CardSeed.parse(card.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theModesColumnsAreNotSeededAsFeatureColumns() throws Exception {
        assertThat(seed(CARD).columns()).containsOnlyKeys("a");
    }

    @Test
    void aFeatureOfTheSameNameAndAnotherTypeStaysAFeature() throws Exception {
        assertThat(seed(CARD.replace("\"boolean\"", "\"string\"")).columns())
                .containsEntry("label_final", ColumnType.STRING);
    }

    @Test
    void afterARestartTheColumnBoundCountsTheSameFeatures() throws Exception {
        ColumnTypeGuard before = new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ, 2);
        before.establish("a", ColumnType.STRING);
        ColumnTypeGuard after = new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ, 2);
        seed(CARD).columns().forEach(after::establish);
        List<Column> record = List.of(new Column("a", ColumnType.STRING), new Column("b", ColumnType.STRING));
        before.use(before.check(record));

        assertThatCode(() -> after.use(after.check(record)))
                .as("the record that fit before the restart fits after it")
                .doesNotThrowAnyException();
    }
}
