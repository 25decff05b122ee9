package io.trainset.connect.pipeline;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Resolution;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A rough estimate of the heap an event occupies while the join holds it, for the buffer bound:
 * object headers and references plus the strings and values of its payload.
 */
final class EventSizes {

    static final long EVENT_OVERHEAD = 200;
    private static final long VALUE_OVERHEAD = 16;

    private EventSizes() {}

    static long estimate(Event event) {
        return EVENT_OVERHEAD + text(event.key()) + text(event.source().topic()) + payload(event.payload());
    }

    /** The payload's share: its values for features (none once spilled), its label for a resolution. */
    static long payload(Object payload) {
        long size = 0;
        if (payload instanceof Features features) {
            // Indexed: the values are a random-access list, and a for-each allocated two iterators per event (the
            // join sizes every event when held and again when settled; issue 14, session 5).
            List<Object> values = features.values();
            for (int i = 0; i < values.size(); i++) {
                size += value(values.get(i));
            }
            size += 8L * values.size();
        } else if (payload instanceof Resolution resolution) {
            size += text(resolution.label());
        }
        return size;
    }

    private static long value(Object value) {
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof ByteBuffer buffer) {
            return VALUE_OVERHEAD + buffer.remaining();
        }
        if (value instanceof List<?> list) {
            long size = VALUE_OVERHEAD + 8L * list.size();
            for (Object element : list) {
                size += value(element);
            }
            return size;
        }
        return VALUE_OVERHEAD;
    }

    private static long text(String s) {
        return s == null ? 0 : 40 + s.length();
    }
}
