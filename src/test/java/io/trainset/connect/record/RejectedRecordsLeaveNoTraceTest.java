package io.trainset.connect.record;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.LabelPathBound;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * A record rejected for any reason changes nothing later records are checked against: no column, no
 * column type, no place under dataset.max.columns, no place among the distinct labels. And a rejection
 * by a bound or the type guard names its setting in the reason, which is logged without the content.
 */
class RejectedRecordsLeaveNoTraceTest {

    private static final long NOW = 1_780_000_000_000L;
    private static final long YEAR_9999 = Instant.parse("9999-01-01T00:00:00Z").toEpochMilli();
    private static final Duration MAX_AHEAD = Duration.ofDays(1);
    private static final Schema AMOUNT =
            Decimal.builder(2).parameter("connect.decimal.precision", "4").build();
    private static final Schema ORDER =
            SchemaBuilder.struct().field("amount", AMOUNT).build();

    private final ColumnTypeGuard guard = new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ, 3);
    private final DistinctLabels labels = new DistinctLabels(2);
    private final EventExtractor extractor = new EventExtractor(
            Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED),
            EventSettings.defaults(),
            () -> NOW,
            Optional.empty(),
            Optional.empty(),
            FieldPath.parse("department"),
            new FeatureExtractor(List.of(), List.of(), options(false)),
            new ResolutionExtractor(
                    LabelRules.none(),
                    Optional.of(new FeatureExtractor(List.of(FieldPath.parse("extra")), List.of(), options(true))),
                    labels,
                    LabelPathBound.of(LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL), 150)),
            ValueReader.converted(),
            Optional.of(MAX_AHEAD));

    private FeatureOptions options(boolean missingIncludesAreNull) {
        return new FeatureOptions(Map.of(), Set.of(), Optional.empty(), missingIncludesAreNull, guard, Nesting.FLATTEN);
    }

    private static SinkRecord record(String topic, long offset, Schema schema, Object value, long timestamp) {
        return new SinkRecord(
                topic, 0, null, "K-" + offset, schema, value, offset, timestamp, TimestampType.CREATE_TIME);
    }

    private static SinkRecord submission(long offset, Map<String, Object> value, long timestamp) {
        return record(SUBMITTED_TOPIC, offset, null, value, timestamp);
    }

    private static SinkRecord resolution(long offset, String label, Object price, long timestamp) {
        return record(
                RESOLVED_TOPIC, offset, null, Map.of("department", label, "extra", Map.of("price", price)), timestamp);
    }

    private List<Column> columnsOf(SinkRecord record) {
        Object payload = extractor.extract(record).payload();
        return payload instanceof Resolution r ? r.columns().columns() : ((Features) payload).columns();
    }

    @Test
    void aRecordFarAheadOfTheClockIsABadRecordAndTakesNoColumn() {
        SinkRecord farAhead = submission(1, Map.of("title", "t", "attrs", Map.of("k1", 1, "k2", 2)), YEAR_9999);

        assertThatThrownBy(() -> extractor.extract(farAhead))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record issues-0@1 cannot be used: its record timestamp is more than "
                        + "join.time.max.ahead.ms (86400000 ms) ahead of the worker's clock: it was not joined and "
                        + "moved no watermark: event time 9999-01-01T00:00:00Z, worker clock 2026-05-28T20:26:40Z. "
                        + "Fix: fix the producer's clock or time unit (a placeholder date, or micro- or nanoseconds "
                        + "read as milliseconds), or raise join.time.max.ahead.ms if such times are real.");
        assertThatThrownBy(() -> extractor.extract(submission(2, Map.of("title", "t"), NOW + MAX_AHEAD.toMillis() + 1)))
                .isInstanceOf(BadRecordException.class);

        assertThat(columnsOf(submission(
                        3, Map.of("title", "t", "attrs", Map.of("a", 1, "b", 2)), NOW + MAX_AHEAD.toMillis())))
                .extracting(Column::name)
                .containsExactlyInAnyOrder("title", "attrs_a", "attrs_b");
    }

    @Test
    void aResolutionRejectedForItsLabelAddsNoColumn() {
        labels.seen("billing");
        labels.seen("sales");
        assertThatThrownBy(() -> extractor.extract(resolution(1, "x".repeat(300), "high", NOW)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("is over the 255 bytes");
        assertThatThrownBy(() -> extractor.extract(resolution(2, "support", "high", NOW)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("label.max.distinct");

        assertThat(columnsOf(resolution(3, "billing", 5L, NOW)))
                .containsExactly(new Column("extra_price", ColumnType.LONG));
    }

    @Test
    void aDecimalThatDoesNotFitEstablishesNoColumn() {
        SinkRecord tooWide =
                record(SUBMITTED_TOPIC, 1, ORDER, new Struct(ORDER).put("amount", new BigDecimal("123.45")), NOW);
        assertThatThrownBy(() -> extractor.extract(tooWide))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("does not fit the column's precision 4");

        assertThat(columnsOf(submission(2, Map.of("amount", "n/a"), NOW)))
                .containsExactly(new Column("amount", ColumnType.STRING));
        // The struct schema's plan was checked before 'amount' became a string: it is checked again.
        SinkRecord fits =
                record(SUBMITTED_TOPIC, 3, ORDER, new Struct(ORDER).put("amount", new BigDecimal("1.50")), NOW);
        assertThatThrownBy(() -> extractor.extract(fits))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining(
                        "the column 'amount' is a string in the dataset but this value's is a " + "decimal(4,2)");
    }

    @Test
    void aRejectedResolutionTakesNoPlaceAmongTheDistinctLabels() {
        assertThatThrownBy(() -> extractor.extract(resolution(1, "far", 5L, YEAR_9999)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("join.time.max.ahead.ms");
        assertThat(extractor.extract(resolution(2, "billing", 5L, NOW)).payload())
                .extracting(p -> ((Resolution) p).label())
                .isEqualTo("billing");
        assertThatThrownBy(() -> extractor.extract(resolution(3, "sales", "high", NOW)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("schema.type.change.policy");

        assertThat(extractor.extract(resolution(4, "support", 6L, NOW)).payload())
                .extracting(p -> ((Resolution) p).label())
                .isEqualTo("support");
        assertThatThrownBy(() -> extractor.extract(resolution(5, "sales", 7L, NOW)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("label.max.distinct=2");
    }

    @Test
    void aRejectionByABoundOrTheTypeGuardNamesItsSettingInAReasonWithoutTheContent() {
        columnsOf(submission(1, Map.of("title", "t", "priority", 1L), NOW));
        labels.seen("billing");
        labels.seen("sales");

        BadRecordException columns =
                rejection(submission(2, new TreeMap<>(Map.of("title", "t", "secret_a", 1, "secret_b", 2)), NOW));
        BadRecordException type = rejection(submission(3, Map.of("title", "t", "priority", "secret"), NOW));
        BadRecordException label = rejection(resolution(4, "secret label", 1L, NOW));

        assertThat(columns.reason()).isEqualTo("it would add columns past dataset.max.columns");
        assertThat(columns.detail())
                .isEqualTo("2 new column(s) (secret_a, secret_b) beside the 2 the dataset has, "
                        + "dataset.max.columns=3");
        assertThat(type.reason())
                .isEqualTo("a value's type differs from its column's type in the dataset "
                        + "(schema.type.change.policy=dlq)");
        assertThat(type.detail())
                .isEqualTo("the column 'priority' is a long in the dataset but this value's is a " + "string");
        assertThat(label.reason()).isEqualTo("its label would be a new label past label.max.distinct");
        assertThat(label.detail())
                .isEqualTo("'secret label', beside the 2 labels the dataset has, " + "label.max.distinct=2");
        for (BadRecordException e : List.of(columns, type, label)) {
            assertThat(e.withoutContent()).doesNotContain("secret").doesNotContain("priority");
        }
        assertThat(rejection(submission(5, Map.of("title", "t", "other_a", 1, "other_b", 2), NOW))
                        .reason())
                .as("one reason, so one throttling bucket, whatever the columns")
                .isEqualTo(columns.reason());
    }

    private BadRecordException rejection(SinkRecord record) {
        try {
            extractor.extract(record);
        } catch (BadRecordException e) {
            return e;
        }
        throw new AssertionError("expected a bad record: " + record);
    }
}
