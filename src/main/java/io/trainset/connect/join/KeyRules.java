package io.trainset.connect.join;

import io.trainset.connect.model.Policies;

/**
 * What every key of a unit decides by, derived once per unit instead of once per key: the settings,
 * the window's bounds in milliseconds, the case decisions and the early-label rule.
 */
record KeyRules(
        JoinSettings settings,
        long beforeMs,
        long afterMs,
        boolean firstResolution,
        CaseDecisions decisions,
        EarlyLabels early) {

    static KeyRules of(JoinSettings settings) {
        return new KeyRules(
                settings,
                settings.before().toMillis(),
                settings.after().toMillis(),
                settings.resolutions() == Policies.Resolutions.FIRST,
                new CaseDecisions(settings),
                EarlyLabels.of(settings));
    }
}
