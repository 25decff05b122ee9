package io.trainset.connect.pipeline;

import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Row;
import java.util.List;
import java.util.function.Function;

/**
 * Turns join outcomes into rows: a match into a labelled row, an emitted timeout and a provisional outcome into
 * unlabelled ones;
 * a submission's features are taken from its payload by {@code features} (which reads spilled values back).
 */
final class RowBuilder {

    private RowBuilder() {}

    /** The labelled row of a match. */
    static Row matched(JoinOutcome.Matched matched, Function<Object, Features> features) {
        Event submitted = matched.submitted();
        Event resolved = matched.resolved();
        Resolution resolution = (Resolution) resolved.payload();
        return new Row(
                submitted.key(),
                features.apply(submitted.payload()),
                resolution.label(),
                submitted.timestampMs(),
                resolved.timestampMs(),
                JoinStatus.JOINED,
                matched.resolutionCount(),
                List.of(submitted.source(), resolved.source()),
                resolution.columns(),
                matched.labelVersion(),
                matched.caseStartMs(),
                null);
    }

    /** The unlabelled row of a submission that timed out (written with policy {@code emit}). */
    static Row timedOut(JoinOutcome.TimedOut timedOut, Function<Object, Features> features) {
        return unlabelled(
                timedOut.submitted(),
                JoinStatus.TIMED_OUT,
                timedOut.labelVersion(),
                timedOut.caseStartMs(),
                null,
                features);
    }

    /**
     * The provisional row of a case unresolved at its early point: unlabelled, version 1, not final, judged by its
     * early point (its label deadline).
     */
    static Row provisional(JoinOutcome.Provisional provisional, Function<Object, Features> features) {
        return unlabelled(
                provisional.submitted(),
                JoinStatus.PROVISIONAL,
                1,
                provisional.caseStartMs(),
                provisional.earlyPointMs(),
                features);
    }

    private static Row unlabelled(
            Event submitted,
            JoinStatus status,
            int labelVersion,
            long caseStartMs,
            Long deadlineMs,
            Function<Object, Features> features) {
        return new Row(
                submitted.key(),
                features.apply(submitted.payload()),
                null,
                submitted.timestampMs(),
                null,
                status,
                0,
                List.of(submitted.source()),
                Features.EMPTY,
                labelVersion,
                caseStartMs,
                deadlineMs);
    }
}
