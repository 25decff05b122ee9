package io.trainset.connect.record;

import io.trainset.connect.model.Policies;
import java.util.Optional;

/**
 * Where an event's side and time come from.
 *
 * @param submittedTimeField the submitted event's time field; empty: the record timestamp
 * @param resolvedTimeField the resolved event's time field; empty: the record timestamp
 * @param timeMode event time (fields or record timestamps) or processing time (the worker's clock)
 * @param typeField single-topic mode: the field that tells the two kinds apart; empty: by topic
 * @param submittedType the type field's value of a submitted event
 * @param resolvedType the type field's value of a resolved event
 */
public record EventSettings(
        Optional<FieldPath> submittedTimeField,
        Optional<FieldPath> resolvedTimeField,
        Policies.TimeMode timeMode,
        Optional<FieldPath> typeField,
        String submittedType,
        String resolvedType) {

    /** Record timestamps, sides by topic. */
    public static EventSettings defaults() {
        return new EventSettings(
                Optional.empty(), Optional.empty(), Policies.TimeMode.EVENT, Optional.empty(), "submitted", "resolved");
    }
}
