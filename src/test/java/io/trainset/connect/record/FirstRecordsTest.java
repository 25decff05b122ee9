package io.trainset.connect.record;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Side;
import io.trainset.connect.testing.Extractors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * A new extractor's first records go through {@link EventExtractor#extractFirst} until it is
 * {@link EventExtractor#settled()} (as the pipeline routes them), then through {@link EventExtractor#extract}:
 * the hand-over changes nothing. Every record's outcome (its event, or the bad record's message) and what
 * later records are checked against are those of an extractor that only ever used {@link EventExtractor#extract},
 * including new columns, shapes and type changes after the first record.
 */
class FirstRecordsTest {

    private static final List<FieldPath> INCLUDES = List.of(FieldPath.parse("title"), FieldPath.parse("priority"));
    private static final List<FieldPath> RESOLVED_INCLUDES = List.of(FieldPath.parse("team"));

    /** Values read from JSON text into slots ({@code slots}), or into maps as the converter gives them. */
    private static EventExtractor extractor(ColumnTypeGuard.Policy policy, boolean resolvedColumns, boolean slots) {
        FeatureOptions options = new FeatureOptions(
                Map.of(), Set.of(), Optional.empty(), true, new ColumnTypeGuard(policy), Nesting.FLATTEN);
        Optional<FeatureExtractor> extra = resolvedColumns
                ? Optional.of(new FeatureExtractor(RESOLVED_INCLUDES, List.of(), options))
                : Optional.empty();
        List<FieldPath> paths = new ArrayList<>(INCLUDES);
        paths.addAll(RESOLVED_INCLUDES);
        paths.add(FieldPath.parse("id"));
        paths.add(FieldPath.parse("department"));
        return Extractors.events(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED),
                EventSettings.defaults(),
                () -> 0L,
                Optional.of(FieldPath.parse("id")),
                Optional.of(FieldPath.parse("id")),
                FieldPath.parse("department"),
                new FeatureExtractor(INCLUDES, List.of(), options),
                Extractors.resolutions(LabelRules.none(), extra),
                ValueReader.json(paths, !slots));
    }

    private static SinkRecord record(String topic, long offset, String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        return new SinkRecord(topic, 0, null, null, null, value, offset, 1_000L + offset, TimestampType.CREATE_TIME);
    }

    /** What the pipeline does with a record: the event, or the bad record's message. */
    private static Object outcome(Function<SinkRecord, Event> extract, SinkRecord record) {
        try {
            return extract.apply(record);
        } catch (BadRecordException e) {
            return "bad: " + e.getMessage();
        }
    }

    /** The outcomes of routing as the pipeline does, after checking them against {@code extract} alone. */
    private static List<Object> routedAgainstSteady(
            List<String[]> records, ColumnTypeGuard.Policy policy, boolean resolvedColumns) {
        List<Object> outcomes = new ArrayList<>();
        for (boolean slots : List.of(true, false)) {
            EventExtractor routed = extractor(policy, resolvedColumns, slots);
            EventExtractor steady = extractor(policy, resolvedColumns, slots);
            List<Object> viaRoute = new ArrayList<>();
            List<Object> viaSteady = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                SinkRecord record = record(records.get(i)[0], i, records.get(i)[1]);
                viaRoute.add(outcome(routed.settled() ? routed::extract : routed::extractFirst, record));
                viaSteady.add(outcome(steady::extract, record));
            }
            assertThat(viaRoute).as("read into slots: %s", slots).isEqualTo(viaSteady);
            outcomes = viaRoute;
        }
        return outcomes;
    }

    /** The features of a submission with a text title and a whole-number priority. */
    private static Features titleAndPriority(String title, long priority) {
        return new Features(
                List.of(new Column("title", ColumnType.STRING), new Column("priority", ColumnType.LONG)),
                List.of(title, priority),
                null);
    }

    private static String[] submitted(String json) {
        return new String[] {SUBMITTED_TOPIC, json};
    }

    private static String[] resolved(String json) {
        return new String[] {RESOLVED_TOPIC, json};
    }

    @Test
    void settledOnceASubmittedRecordIsAccepted() {
        EventExtractor extractor = extractor(ColumnTypeGuard.Policy.DLQ, false, true);
        assertThat(extractor.settled()).isFalse();

        extractor.extractFirst(record(RESOLVED_TOPIC, 0, "{\"id\":\"I-1\",\"department\":\"billing\"}"));
        assertThat(extractor.settled()).as("after a resolved record only").isFalse();
        assertThat(outcome(extractor::extractFirst, record(SUBMITTED_TOPIC, 1, "{\"title\":\"no key\"}")))
                .asString()
                .startsWith("bad: ");
        assertThat(extractor.settled()).as("after a rejected submitted record").isFalse();

        extractor.extractFirst(record(SUBMITTED_TOPIC, 3, "{\"id\":\"I-3\",\"title\":\"t\",\"priority\":1}"));
        assertThat(extractor.settled()).isTrue();
    }

    @Test
    void withResolvedColumnsSettledOnceARecordOfEachSideIsAccepted() {
        EventExtractor extractor = extractor(ColumnTypeGuard.Policy.DLQ, true, true);

        extractor.extractFirst(record(SUBMITTED_TOPIC, 0, "{\"id\":\"I-1\",\"title\":\"t\",\"priority\":1}"));
        assertThat(extractor.settled()).isFalse();
        extractor.extractFirst(record(RESOLVED_TOPIC, 1, "{\"id\":\"I-1\",\"department\":\"billing\",\"team\":\"a\"}"));
        assertThat(extractor.settled()).isTrue();
    }

    @Test
    void aNewColumnAfterTheFirstRecordIsEstablishedAsBefore() {
        List<Object> outcomes = routedAgainstSteady(
                List.of(
                        submitted("{\"id\":\"I-1\",\"title\":\"t\"}"),
                        submitted("{\"id\":\"I-2\",\"title\":\"u\",\"priority\":3}"),
                        submitted("{\"id\":\"I-3\",\"title\":\"v\",\"priority\":\"high\"}")),
                ColumnTypeGuard.Policy.DLQ,
                false);

        assertThat(((Event) outcomes.get(1)).payload()).isEqualTo(titleAndPriority("u", 3L));
        assertThat(outcomes.get(2)).asString().startsWith("bad: ").contains("priority");
    }

    @Test
    void aTypeChangeAfterTheFirstRecordGoesToANewColumnAsBefore() {
        List<Object> outcomes = routedAgainstSteady(
                List.of(
                        submitted("{\"id\":\"I-1\",\"title\":\"t\",\"priority\":1}"),
                        submitted("{\"id\":\"I-2\",\"title\":\"u\",\"priority\":\"high\"}"),
                        submitted("{\"id\":\"I-3\",\"title\":\"v\",\"priority\":2}")),
                ColumnTypeGuard.Policy.NEW_COLUMN,
                false);

        assertThat(((Features) ((Event) outcomes.get(1)).payload()).columns())
                .containsExactly(
                        new Column("title", ColumnType.STRING), new Column("priority__string", ColumnType.STRING));
        assertThat(((Features) ((Event) outcomes.get(2)).payload()).columns())
                .containsExactly(new Column("title", ColumnType.STRING), new Column("priority", ColumnType.LONG));
    }

    @Test
    void badAndResolvedRecordsBeforeTheFirstAcceptedSubmissionChangeNothing() {
        List<Object> outcomes = routedAgainstSteady(
                List.of(
                        resolved("{\"id\":\"I-1\",\"department\":\"billing\",\"team\":7}"),
                        submitted("{\"title\":\"no key\",\"priority\":\"high\"}"),
                        submitted("{\"id\":\"I-2\",\"title\":\"t\",\"priority\":1}"),
                        resolved("{\"id\":\"I-2\",\"department\":\"sales\",\"team\":\"x\"}"),
                        resolved("{\"id\":\"I-3\",\"department\":\"sales\",\"team\":8}"),
                        submitted("{\"id\":\"I-4\",\"title\":\"t\",\"priority\":\"x\"}")),
                ColumnTypeGuard.Policy.DLQ,
                true);

        assertThat(outcomes.get(1)).asString().startsWith("bad: ");
        assertThat(outcomes.get(2)).isInstanceOf(Event.class);
        assertThat(((Event) outcomes.get(2)).payload()).isEqualTo(titleAndPriority("t", 1L));
        assertThat(outcomes.get(3)).asString().startsWith("bad: ").contains("team");
        assertThat(((Resolution) ((Event) outcomes.get(4)).payload()).label()).isEqualTo("sales");
        assertThat(outcomes.get(5)).asString().startsWith("bad: ").contains("priority");
    }
}
