package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.LabelPathBound;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.record.DistinctLabels;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.LabelRules;
import io.trainset.connect.record.ResolutionExtractor;
import io.trainset.connect.record.ValueReader;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointCodec;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.Extractors;
import io.trainset.connect.testing.FakeTaskPort;
import io.trainset.connect.testing.HostileValues;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile records ({@link HostileValues}: random bytes and lone surrogates as keys, extreme numbers
 * and times, deep and wide values, odd strings) through extraction in every value format and through
 * {@link SinkPipeline#put}: each ends as an event or a reported bad record, never another exception,
 * and every accepted event (key, time,
 * payload) comes back unchanged from a checkpoint. Seeds are fixed; a failure names its seed.
 */
class HostileRecordsFuzzTest {

    private static final long[] SEEDS = {1L, 42L, 20261205L};
    private static final int CASES_PER_FORMAT = 300;
    private static final String LABEL = "department";
    private static final List<FieldPath> TIME_FIELDS =
            List.of(FieldPath.parse("created_at"), FieldPath.parse("closed_at"));
    private static final LabelPathBound LABEL_BOUND =
            LabelPathBound.of(Datasets.labelOnly().layout(), 150);

    @TempDir
    Path root;

    private static EventExtractor extractor(ValueReader values) {
        return Extractors.events(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED),
                new EventSettings(
                        Optional.of(TIME_FIELDS.get(0)),
                        Optional.of(TIME_FIELDS.get(1)),
                        Policies.TimeMode.EVENT,
                        Optional.empty(),
                        "submitted",
                        "resolved"),
                () -> 0L,
                Optional.empty(),
                Optional.empty(),
                FieldPath.parse(LABEL),
                Extractors.features(List.of(), List.of()),
                new ResolutionExtractor(LabelRules.none(), Optional.empty(), DistinctLabels.unbounded(), LABEL_BOUND),
                values);
    }

    private enum Format {
        MAPS,
        STRUCTS,
        JSON
    }

    private static List<SinkRecord> records(HostileValues values, Format format, int count) {
        List<SinkRecord> records = new ArrayList<>(count);
        for (int offset = 0; offset < count; offset++) {
            records.add(
                    switch (format) {
                        case MAPS -> values.mapRecord(offset);
                        case STRUCTS -> values.structRecord(offset);
                        case JSON -> values.jsonRecord(offset);
                    });
        }
        return records;
    }

    @Test
    void everyHostileRecordIsAnEventOrABadRecordAndEveryAcceptedKeySurvivesACheckpoint() {
        for (long seed : SEEDS) {
            for (Format format : Format.values()) {
                HostileValues values = new HostileValues(new Random(seed * 31 + format.ordinal()));
                EventExtractor extractor =
                        extractor(format == Format.JSON ? ValueReader.json(List.of(), true) : ValueReader.converted());
                List<Event> accepted = new ArrayList<>();
                for (SinkRecord record : records(values, format, CASES_PER_FORMAT)) {
                    try {
                        accepted.add(extractor.extract(record));
                    } catch (BadRecordException e) {
                        assertThat(e.getMessage())
                                .startsWith("Record " + EventExtractor.positionOf(record) + " cannot be used: ");
                    } catch (RuntimeException | StackOverflowError e) {
                        throw new AssertionError(
                                "seed " + seed + ", " + format + ", offset " + record.kafkaOffset() + ": " + e, e);
                    }
                }
                assertThat(accepted)
                        .as("seed %d, %s: some hostile records are fine", seed, format)
                        .hasSizeGreaterThan(CASES_PER_FORMAT / 10);
                assertKeysSurviveACheckpoint(accepted, "seed " + seed + ", " + format);
            }
        }
    }

    private static void assertKeysSurviveACheckpoint(List<Event> events, String which) {
        Map<String, List<Event>> submitted = new TreeMap<>();
        Map<String, List<Event>> resolved = new TreeMap<>();
        for (Event event : events) {
            (event.side() == Side.SUBMITTED ? submitted : resolved)
                    .computeIfAbsent(event.key(), k -> new ArrayList<>())
                    .add(event);
            (event.side() == Side.SUBMITTED ? resolved : submitted)
                    .computeIfAbsent(event.key(), k -> new ArrayList<>());
        }
        List<JoinSnapshot.KeySnapshot> keys = new ArrayList<>();
        submitted.forEach(
                (key, versions) -> keys.add(new JoinSnapshot.KeySnapshot(key, versions, resolved.get(key), List.of())));
        JoinSnapshot snapshot = new JoinSnapshot(Long.MIN_VALUE, Map.of(), keys);
        try {
            Checkpoint decoded = CheckpointCodec.decode(
                    CheckpointCodec.encode(new Checkpoint(0, 1, Map.of(), snapshot, List.of())), "fuzz");
            assertThat(decoded.join().keys())
                    .as(which)
                    .extracting(JoinSnapshot.KeySnapshot::key)
                    .containsExactlyElementsOf(submitted.keySet());
            assertThat(decoded.join().keys())
                    .as(which + ": events, payloads and all")
                    .isEqualTo(keys);
        } catch (IOException e) {
            fail(which + ": " + e, e);
        }
    }

    /** A record on each input a day after every other: the watermarks pass every case, whose rows are written. */
    private static List<SinkRecord> clockRecords(Format format, long offset) {
        long day = 1_764_000_000_000L + 86_400_000L;
        Object submitted = Map.of("title", "clock");
        Object resolved = Map.of(LABEL, "clock");
        if (format == Format.JSON) {
            submitted = "{\"title\":\"clock\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            resolved = ("{\"" + LABEL + "\":\"clock\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return List.of(
                new SinkRecord(
                        SUBMITTED_TOPIC,
                        0,
                        null,
                        "CLOCK",
                        null,
                        submitted,
                        offset,
                        day,
                        org.apache.kafka.common.record.TimestampType.CREATE_TIME),
                new SinkRecord(
                        RESOLVED_TOPIC,
                        0,
                        null,
                        "CLOCK",
                        null,
                        resolved,
                        offset + 1,
                        day,
                        org.apache.kafka.common.record.TimestampType.CREATE_TIME));
    }

    /** What the fake dead-letter queue was handed. */
    private static final class Reports implements RecordErrors {
        final Map<SinkRecord, Throwable> reported = new IdentityHashMap<>();

        @Override
        public Future<Void> report(SinkRecord record, Throwable error) {
            reported.put(record, error);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void aPipelineTakesEveryHostileRecordWithoutAnExceptionAndReportsEveryBadOne() throws IOException {
        long files = 0;
        for (long seed : SEEDS) {
            for (Format format : Format.values()) {
                files += putAll(seed, format);
            }
        }
        assertThat(files).as("rows of hostile values were written").isGreaterThan(SEEDS.length);
    }

    /** Puts hostile records of one seed and format; returns how many files of rows were written. */
    private long putAll(long seed, Format format) throws IOException {
        String which = "seed " + seed + ", " + format;
        LocalObjectStore store = new LocalObjectStore(root.resolve(seed + "-" + format));
        TestClock clock = TestClock.atMillis(1_764_000_000_000L);
        Reports reports = new Reports();
        FakeTaskPort task = new FakeTaskPort();
        EventExtractor extractor =
                extractor(format == Format.JSON ? ValueReader.json(List.of(), true) : ValueReader.converted());
        SinkPipeline pipeline = new PipelineBuilder(store, clock)
                .extractor(extractor)
                .settings(JoinSettings.of(Duration.ofHours(1)))
                .flushSize(50)
                .errors(reports)
                .task(task)
                .commitInterval(Duration.ofMinutes(1))
                .build();
        List<TopicPartition> partitions =
                List.of(new TopicPartition(SUBMITTED_TOPIC, 0), new TopicPartition(RESOLVED_TOPIC, 0));
        task.assign(partitions.toArray(TopicPartition[]::new));
        pipeline.open(partitions);
        HostileValues values = new HostileValues(new Random(seed * 17 + format.ordinal()));
        List<SinkRecord> records = records(values, format, CASES_PER_FORMAT / 3);
        try {
            for (int from = 0; from < records.size(); from += 50) {
                pipeline.put(records.subList(from, Math.min(records.size(), from + 50)));
                clock.advance(Duration.ofMinutes(1));
            }
            pipeline.put(clockRecords(format, records.size()));
            clock.advance(Duration.ofMinutes(11));
            pipeline.put(List.of());
            pipeline.close();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(which + ": " + e, e);
        }
        assertThat(reports.reported).as(which + ": some records are reported").isNotEmpty();
        EventExtractor alone =
                extractor(format == Format.JSON ? ValueReader.json(List.of(), true) : ValueReader.converted());
        for (SinkRecord record : records) {
            boolean bad;
            try {
                alone.extract(record);
                bad = false;
            } catch (BadRecordException e) {
                bad = true;
            }
            if (bad) {
                assertThat(reports.reported.get(record))
                        .as(which + ", offset " + record.kafkaOffset())
                        .isInstanceOf(BadRecordException.class);
            } else if (reports.reported.containsKey(record)) {
                assertThat(reports.reported.get(record))
                        .as(which + ": late, orphan or untyped column")
                        .isInstanceOf(DataException.class);
            }
        }
        return store.list("").stream().filter(key -> key.endsWith(".parquet")).count();
    }
}
