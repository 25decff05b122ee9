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
        return row(
                matched.submitted(),
                matched.resolved(),
                JoinStatus.JOINED,
                matched.resolutionCount(),
                version(matched.labelVersion(), matched.caseStartMs(), matched.windowEndMs(), matched.submitted()),
                features);
    }

    /** The unlabelled row of a submission that timed out (written with policy {@code emit}). */
    static Row timedOut(JoinOutcome.TimedOut timedOut, Function<Object, Features> features) {
        return row(
                timedOut.submitted(),
                null,
                JoinStatus.TIMED_OUT,
                0,
                version(timedOut.labelVersion(), timedOut.caseStartMs(), timedOut.windowEndMs(), timedOut.submitted()),
                features);
    }

    /**
     * The provisional row of a case unresolved at its early point: unlabelled, version 1, not final, judged by its
     * early point (its label deadline).
     */
    static Row provisional(JoinOutcome.Provisional provisional, Function<Object, Features> features) {
        return row(
                provisional.submitted(),
                null,
                JoinStatus.PROVISIONAL,
                0,
                new Row.Version(1, provisional.caseStartMs(), provisional.earlyPointMs()),
                features);
    }

    /**
     * Version {@code number} of the case anchored at {@code caseStartMs}, judged until {@code windowEndMs} when that is
     * not the default: {@link Row.Version#FINAL_V1} when that is it (always without the early-label mode), so that
     * such rows allocate no version.
     */
    private static Row.Version version(int number, long caseStartMs, Long windowEndMs, Event submitted) {
        if (windowEndMs != null) {
            return new Row.Version(number, caseStartMs, windowEndMs);
        }
        return number == 1 && caseStartMs == submitted.timestampMs()
                ? Row.Version.FINAL_V1
                : Row.Version.of(number, caseStartMs);
    }

    /** The row of {@code submitted}, labelled by {@code resolved} when it is not null. */
    private static Row row(
            Event submitted,
            Event resolved,
            JoinStatus status,
            int resolutionCount,
            Row.Version version,
            Function<Object, Features> features) {
        Resolution resolution = resolved == null ? null : (Resolution) resolved.payload();
        return new Row(
                submitted.key(),
                features.apply(submitted.payload()),
                resolution == null ? null : resolution.label(),
                submitted.timestampMs(),
                resolved == null ? null : resolved.timestampMs(),
                status,
                resolutionCount,
                resolved == null ? List.of(submitted.source()) : List.of(submitted.source(), resolved.source()),
                resolution == null ? Features.EMPTY : resolution.columns(),
                version);
    }
}
