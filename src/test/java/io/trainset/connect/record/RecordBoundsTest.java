package io.trainset.connect.record;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.dataset.FileLayout;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.LabelPathBound;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Side;
import io.trainset.connect.testing.Extractors;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Values that fit no row are bad records on the task thread, never failures of the writer thread. */
class RecordBoundsTest {

    private static final Schema AMOUNT =
            Decimal.builder(2).parameter("connect.decimal.precision", "4").build();
    private static final Schema ORDER =
            SchemaBuilder.struct().field("amount", AMOUNT).build();
    /** The default layout (split, label) with 150 bytes of key besides the label level: levels of 255 bytes. */
    private static final LabelPathBound BOUND = LabelPathBound.of(LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL), 150);

    private static EventExtractor extractor(LabelPathBound bound) {
        return extractor(bound, DistinctLabels.unbounded());
    }

    private static EventExtractor extractor(LabelPathBound bound, DistinctLabels distinct) {
        return Extractors.events(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED),
                EventSettings.defaults(),
                () -> 0L,
                Optional.empty(),
                Optional.empty(),
                FieldPath.parse("department"),
                Extractors.features(List.of(), List.of()),
                new ResolutionExtractor(LabelRules.none(), Optional.empty(), distinct, bound));
    }

    private static SinkRecord record(String topic, Schema schema, Object value) {
        return new SinkRecord(topic, 3, null, "K-1", schema, value, 17, 1_000L, TimestampType.CREATE_TIME);
    }

    private static SinkRecord order(String amount) {
        return record(SUBMITTED_TOPIC, ORDER, new Struct(ORDER).put("amount", new BigDecimal(amount)));
    }

    @Test
    void aDecimalWiderThanItsDeclaredPrecisionIsABadRecord() {
        assertThatThrownBy(() -> extractor(LabelPathBound.none()).extract(order("123.45")))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record issues-3@17 cannot be used: its features cannot be read: the field 'amount' "
                        + "(column 'amount', decimal(4,2)): a decimal of 5 digits does not fit the column's precision "
                        + "4. Fix: fix the producer, or adjust features.include/features.exclude.");
    }

    @Test
    void aDecimalOfAnotherScaleIsABadRecordUnlessOnlyZerosChange() {
        assertThatThrownBy(() -> extractor(LabelPathBound.none()).extract(order("1.234")))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record issues-3@17 cannot be used: its features cannot be read: the field 'amount' "
                        + "(column 'amount', decimal(4,2)): a decimal of scale 3 does not fit the column's scale 2 "
                        + "without rounding. Fix: fix the producer, or adjust features.include/features.exclude.");
        Features features = (Features)
                extractor(LabelPathBound.none()).extract(order("1.5")).payload();
        assertThat(features.values()).containsExactly(new BigDecimal("1.50"));
    }

    @Test
    void aDecimalSchemaWithoutAParquetTypeIsABadRecord() {
        for (Schema decimal : List.of(
                Decimal.builder(5).parameter("connect.decimal.precision", "2").build(),
                Decimal.builder(-2).build(),
                Decimal.builder(0).parameter("connect.decimal.precision", "0").build())) {
            Schema schema = SchemaBuilder.struct().field("amount", decimal).build();
            SinkRecord record = record(
                    SUBMITTED_TOPIC,
                    schema,
                    new Struct(schema)
                            .put(
                                    "amount",
                                    BigDecimal.valueOf(
                                            1,
                                            Integer.parseInt(
                                                    decimal.parameters().get(Decimal.SCALE_FIELD)))));

            assertThatThrownBy(() -> extractor(LabelPathBound.none()).extract(record))
                    .isInstanceOf(BadRecordException.class)
                    .hasMessageContaining("has no Parquet type (that needs 1 <= precision and 0 <= scale <= "
                            + "precision); declare connect.decimal.precision and the scale in that range");
        }
    }

    @Test
    void aLabelTooLongForAPathLevelIsABadRecordNamingTheLimitAndTheFix() {
        String fits = "x".repeat(255 - "label=".length());
        Map<String, Object> longer = Map.of("department", fits + "x");

        assertThat(extractor(BOUND)
                        .extract(record(RESOLVED_TOPIC, null, Map.of("department", fits)))
                        .payload())
                .isEqualTo(new Resolution(fits));
        assertThatThrownBy(() -> extractor(BOUND).extract(record(RESOLVED_TOPIC, null, longer)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageStartingWith("Record resolutions-3@17 cannot be used: its label, as the path level "
                        + "'label=<escaped label>', is over the 255 bytes of UTF-8 a level may have (a file name holds "
                        + "255 bytes; an S3 key, output prefix included, 1024): 256 bytes: 'xxx")
                .hasMessageEndingWith("Fix: fix the producer, map long labels to short ones with label.mapping (or "
                        + "label.allowed with label.unknown.policy=other), or leave 'label' out of layout.partitions.");
    }

    @Test
    void anEmptyLabelIsABadRecordWhenTheLabelIsAPathLevelAndKeptExactlyOtherwise() {
        SinkRecord empty = record(RESOLVED_TOPIC, null, Map.of("department", ""));

        assertThatThrownBy(() -> extractor(BOUND).extract(empty))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record resolutions-3@17 cannot be used: its label is empty: as the path level 'label=' it "
                        + "would read back as null, like the label of a timed-out row. Fix: fix the producer, or leave "
                        + "'label' out of layout.partitions (the label column then keeps the empty label exactly).");
        assertThat(extractor(LabelPathBound.none()).extract(empty).payload()).isEqualTo(new Resolution(""));
    }

    @Test
    void aLabelTooLongForAPathLevelTakesNoPlaceAmongTheDistinctLabels() {
        EventExtractor extractor = extractor(BOUND, new DistinctLabels(1));
        Map<String, Object> tooLong = Map.of("department", "x".repeat(300));

        assertThatThrownBy(() -> extractor.extract(record(RESOLVED_TOPIC, null, tooLong)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("is over the 255 bytes");
        assertThat(extractor
                        .extract(record(RESOLVED_TOPIC, null, Map.of("department", "billing")))
                        .payload())
                .isEqualTo(new Resolution("billing"));
    }

    @Test
    void escapingAndMultiByteCharactersCountTowardsTheBound() {
        String slashes = "/".repeat(83); // 249 bytes escaped as %2F, 255 with 'label='
        String euros = "\u20ac".repeat(83); // 3 bytes each

        assertThat(extractor(BOUND)
                        .extract(record(RESOLVED_TOPIC, null, Map.of("department", slashes)))
                        .payload())
                .isEqualTo(new Resolution(slashes));
        assertThatThrownBy(() ->
                        extractor(BOUND).extract(record(RESOLVED_TOPIC, null, Map.of("department", slashes + "/"))))
                .isInstanceOf(BadRecordException.class);
        assertThatThrownBy(() ->
                        extractor(BOUND).extract(record(RESOLVED_TOPIC, null, Map.of("department", euros + "\u20ac"))))
                .isInstanceOf(BadRecordException.class);
    }

    @Test
    void aLongOutputPrefixLeavesLessOfAnS3KeyForTheLabel() {
        LabelPathBound bound = LabelPathBound.of(LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL), 900);

        assertThat(bound.maxLevelBytes()).isEqualTo(124);
        assertThatThrownBy(() -> LabelPathBound.of(LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL), 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorten the prefix in output.url");
    }

    @Test
    void aValueNestedDeeperThan64LevelsIsABadRecordNotAStackOverflow() {
        Map<String, Object> value = Map.of("leaf", 1L);
        for (int i = 0; i < 100_000; i++) {
            value = Map.of("n", value);
        }

        Map<String, Object> deep = value;
        assertThatThrownBy(() -> extractor(LabelPathBound.none()).extract(record(SUBMITTED_TOPIC, null, deep)))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record issues-3@17 cannot be used: its value nests maps, lists or structs deeper than 64 "
                        + "levels. Fix: fix the producer.");
    }

    @Test
    void theRestOfAKeyCountsTheOtherLevelsAndTheWidestFileName() {
        LayoutSpec layout = new LayoutSpec(
                List.of(
                        io.trainset.connect.model.PathLevel.SPLIT,
                        io.trainset.connect.model.PathLevel.DATE,
                        io.trainset.connect.model.PathLevel.LABEL),
                java.time.ZoneOffset.UTC,
                false);

        // "/split=validation" + "/dt=+292278994-08-17" + "/" (the label level's) + the file name
        assertThat(FileLayout.restOfKeyBytes(layout, List.of("train", "validation")))
                .isEqualTo(17 + 20 + 1 + "validation-2147483647-9223372036854775807-2147483647.parquet".length());
    }

    @Test
    void withoutALabelLevelAnyLabelFits() {
        LabelPathBound bound = LabelPathBound.of(new LayoutSpec(List.of(), java.time.ZoneOffset.UTC, false), 150);
        String label = "x".repeat(10_000);

        assertThat(extractor(bound)
                        .extract(record(RESOLVED_TOPIC, null, Map.of("department", label)))
                        .payload())
                .isEqualTo(new Resolution(label));
    }
}
