package io.trainset.connect.record;

import io.trainset.connect.model.Side;
import java.util.Map;

/**
 * The side of each input topic, for a record's original topic: the last topic found is remembered by identity, so
 * that the records of a fetch, which carry one topic instance, are told apart by a reference comparison instead of a
 * map probe each. Used by one task's extractor, on its thread.
 */
final class TopicSides {

    private final Map<String, Side> sideByTopic;
    private String lastTopic;
    private Side lastSide;

    TopicSides(Map<String, Side> sideByTopic) {
        this.sideByTopic = Map.copyOf(sideByTopic);
    }

    /** The side of {@code topic}; null when it is no input topic. */
    Side of(String topic) {
        if (topic == lastTopic) {
            return lastSide;
        }
        Side side = sideByTopic.get(topic);
        if (side != null) {
            lastTopic = topic;
            lastSide = side;
        }
        return side;
    }
}
