package io.trainset.connect.pipeline;

import io.trainset.connect.model.Event;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Row;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns join outcomes into rows: a match into a labelled row, an emitted timeout into an unlabelled one. */
public final class RowBuilder {

    private RowBuilder() {}

    /** The row an outcome produces, if any. */
    public static Optional<Row> rowOf(JoinOutcome outcome) {
        return rowOf(outcome, payload -> (Features) payload);
    }

    /** The row an outcome produces, if any, with a submission's features taken from its payload by {@code features}. */
    public static Optional<Row> rowOf(JoinOutcome outcome, Function<Object, Features> features) {
        if (outcome instanceof JoinOutcome.Matched matched) {
            Event submitted = matched.submitted();
            Event resolved = matched.resolved();
            Resolution resolution = (Resolution) resolved.payload();
            return Optional.of(new Row(submitted.key(), features.apply(submitted.payload()), resolution.label(),
                    submitted.timestampMs(), resolved.timestampMs(), JoinStatus.JOINED, matched.resolutionCount(),
                    List.of(submitted.source(), resolved.source()), resolution.columns()));
        }
        if (outcome instanceof JoinOutcome.TimedOut timedOut && timedOut.policy() == Policies.TimedOut.EMIT) {
            Event submitted = timedOut.submitted();
            return Optional.of(new Row(submitted.key(), features.apply(submitted.payload()), null,
                    submitted.timestampMs(), null, JoinStatus.TIMED_OUT, 0, List.of(submitted.source())));
        }
        return Optional.empty();
    }
}
