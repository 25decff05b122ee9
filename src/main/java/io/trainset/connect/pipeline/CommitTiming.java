package io.trainset.connect.pipeline;

import java.time.Duration;

/**
 * When a unit commits although none of its files was finished by a rule of its own (flush size, rotation, schema,
 * budget): docs/guarantees.md, "When a unit commits".
 *
 * @param interval   how long a unit that read records may go without a commit (and so without a checkpoint):
 *     bounds what a restart re-reads ({@code rotate.interval.ms}); also the least time between two inactivity
 *     finishes of a unit
 * @param inactivity how long none of a unit's open files got a row before the unit finishes them and commits
 *     ({@code rotate.inactivity.ms}); zero: never
 */
public record CommitTiming(Duration interval, Duration inactivity) {

    public CommitTiming {
        if (interval.isNegative() || interval.isZero() || inactivity.isNegative()) {
            throw new IllegalArgumentException("A commit interval must be positive and an inactivity interval not "
                    + "negative, not " + interval + " and " + inactivity);
        }
    }

    long intervalMs() {
        return interval.toMillis();
    }

    long inactivityMs() {
        return inactivity.toMillis();
    }
}
