package io.trainset.connect.testing;

import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Policies;

/** Join outcomes of a case anchored at its submission version's time, as most join tests expect them. */
public final class JoinOutcomes {

    private JoinOutcomes() {}

    /** The match of a case without a provisional row (label version 1). */
    public static JoinOutcome.Matched matched(Event submitted, Event resolved, int resolutionCount) {
        return matched(submitted, resolved, resolutionCount, 1);
    }

    /** The match of a case, version {@code labelVersion} (2 after a provisional row). */
    public static JoinOutcome.Matched matched(Event submitted, Event resolved, int resolutionCount, int labelVersion) {
        return new JoinOutcome.Matched(
                submitted, resolved, resolutionCount, labelVersion, submitted.timestampMs(), null);
    }

    /** The timeout of a case without a provisional row (label version 1). */
    public static JoinOutcome.TimedOut timedOut(Event submitted, Policies.TimedOut policy) {
        return timedOut(submitted, policy, 1);
    }

    /** The timeout of a case, version {@code labelVersion} (2 after a provisional row). */
    public static JoinOutcome.TimedOut timedOut(Event submitted, Policies.TimedOut policy, int labelVersion) {
        return new JoinOutcome.TimedOut(submitted, policy, labelVersion, submitted.timestampMs(), null);
    }
}
