package io.trainset.connect.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Moves the event time of join units in tests. The join decides a key only once its unit's
 * watermark (the lowest, over every input partition of the unit, of the partition's highest event
 * time minus the grace) has passed the decision point, so a test must read later records on every
 * input partition of the unit: {@link #tick} makes one per partition.
 *
 * <p>The clock's records go at the next offset of each partition (after every record the test sent
 * through {@link #sent}) and carry keys that match nothing ({@value #KEY_PREFIX}...). Like any
 * unmatched event, a clock submission times out once event time passes it plus the window, and a
 * clock resolution becomes an orphan once event time passes it plus the window before: a test sees
 * them in its offsets and, with {@code dlq} policies, in its reports.
 */
public final class EventClock {

    public static final String KEY_PREFIX = "CLOCK-";

    private final List<String> inputTopics;
    private final Function<String, Object> valueOfTopic;
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    /**
     * @param inputTopics every input topic: a unit N reads partition N of each
     * @param valueOfTopic the value of a clock record of a topic: one the extractor accepts
     */
    public EventClock(List<String> inputTopics, Function<String, Object> valueOfTopic) {
        this.inputTopics = List.copyOf(inputTopics);
        this.valueOfTopic = valueOfTopic;
    }

    /** Notes the records a test sends, so that clock records go after them; returns them. */
    public List<SinkRecord> sent(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            nextOffsets.merge(
                    new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset() + 1, Math::max);
        }
        return List.copyOf(records);
    }

    /**
     * One record at event time {@code timestampMs} on every input partition of {@code unit}: once
     * read, the unit's watermark is at least {@code timestampMs} minus the grace (it never goes back).
     */
    public List<SinkRecord> tick(int unit, long timestampMs) {
        List<SinkRecord> records = new ArrayList<>();
        for (String topic : inputTopics) {
            TopicPartition partition = new TopicPartition(topic, unit);
            long offset = nextOffsets.getOrDefault(partition, 0L);
            records.add(new SinkRecord(
                    topic,
                    unit,
                    null,
                    KEY_PREFIX + partition + "@" + offset,
                    null,
                    valueOfTopic.apply(topic),
                    offset,
                    timestampMs,
                    TimestampType.CREATE_TIME));
        }
        return sent(records);
    }

    /** True for a record this clock made. */
    public static boolean isClock(SinkRecord record) {
        return record.key() instanceof String key && key.startsWith(KEY_PREFIX);
    }
}
