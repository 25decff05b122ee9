package io.trainset.connect.model;

import java.util.Objects;

/**
 * One input event as the join sees it. The payload is opaque to the join: it is carried through
 * to the emitted outcome unchanged.
 *
 * @param side which side of the join
 * @param key the join key
 * @param timestampMs event time in epoch milliseconds
 * @param source where the event was read
 * @param payload the extracted content (features or label), not inspected here
 */
public record Event(Side side, String key, long timestampMs, SourcePosition source, Object payload) {

    public Event {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
    }
}
