package io.trainset.connect.pipeline;

import io.trainset.connect.metrics.Tags;
import io.trainset.connect.model.Side;
import io.trainset.connect.record.BadRecordException;

/** The metrics' tag values of the pipeline's own types (the model and record/ know nothing of metrics). */
final class MetricTags {

    private MetricTags() {}

    static Tags.Side side(Side side) {
        return side == Side.SUBMITTED ? Tags.Side.SUBMITTED : Tags.Side.RESOLVED;
    }

    static Tags.BadReason badReason(BadRecordException.Kind kind) {
        return switch (kind) {
            case KEY -> Tags.BadReason.KEY;
            case TIME -> Tags.BadReason.TIME;
            case AHEAD_OF_CLOCK -> Tags.BadReason.AHEAD_OF_CLOCK;
            case VALUE -> Tags.BadReason.VALUE;
            case LABEL -> Tags.BadReason.LABEL;
            case COLUMNS -> Tags.BadReason.COLUMNS;
            case ROUTING -> Tags.BadReason.ROUTING;
            case OTHER -> Tags.BadReason.OTHER;
        };
    }
}
