package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.SourcePosition;

/** Join order of events: event time, then topic, partition and offset (primitive comparisons, no key extractors). */
final class EventOrder {

    private EventOrder() {}

    static int compare(Event a, Event b) {
        int byTime = Long.compare(a.timestampMs(), b.timestampMs());
        if (byTime != 0) {
            return byTime;
        }
        SourcePosition x = a.source();
        SourcePosition y = b.source();
        int byTopic = x.topic().compareTo(y.topic());
        if (byTopic != 0) {
            return byTopic;
        }
        int byPartition = Integer.compare(x.partition(), y.partition());
        return byPartition != 0 ? byPartition : Long.compare(x.offset(), y.offset());
    }
}
