package io.trainset.connect.join;

/** Builders of join events for tests: one submitted and one resolved topic, partition 0. */
public final class Events {

    public static final String SUBMITTED_TOPIC = "issues";
    public static final String RESOLVED_TOPIC = "resolutions";

    private Events() {}

    public static Event submitted(String key, long timestampMs, long offset) {
        return new Event(Side.SUBMITTED, key, timestampMs, new SourcePosition(SUBMITTED_TOPIC, 0, offset),
                "features-of-" + key);
    }

    public static Event resolved(String key, long timestampMs, long offset) {
        return new Event(Side.RESOLVED, key, timestampMs, new SourcePosition(RESOLVED_TOPIC, 0, offset),
                "label-of-" + key);
    }
}
