package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;

/** Builders of join events for tests: one submitted and one resolved topic, partition 0. */
public final class Events {

    public static final String SUBMITTED_TOPIC = "issues";
    public static final String RESOLVED_TOPIC = "resolutions";
    /** The inputs of join unit 0. */
    public static final java.util.Set<InputPartition> INPUTS =
            java.util.Set.of(new InputPartition(SUBMITTED_TOPIC, 0), new InputPartition(RESOLVED_TOPIC, 0));

    private Events() {}

    public static Event submitted(String key, long timestampMs, long offset) {
        return new Event(
                Side.SUBMITTED, key, timestampMs, new SourcePosition(SUBMITTED_TOPIC, 0, offset), "features-of-" + key);
    }

    public static Event resolved(String key, long timestampMs, long offset) {
        return new Event(
                Side.RESOLVED, key, timestampMs, new SourcePosition(RESOLVED_TOPIC, 0, offset), "label-of-" + key);
    }

    /** A submitted event of topic issues, partition 0, with the given payload (a version). */
    public static Event submitted(String key, long timestampMs, long offset, Object payload) {
        return new Event(Side.SUBMITTED, key, timestampMs, new SourcePosition(SUBMITTED_TOPIC, 0, offset), payload);
    }

    /** A resolved event of topic resolutions, partition 0, with the given payload (a label). */
    public static Event resolved(String key, long timestampMs, long offset, Object payload) {
        return new Event(Side.RESOLVED, key, timestampMs, new SourcePosition(RESOLVED_TOPIC, 0, offset), payload);
    }
}
