package io.trainset.connect.join;

import java.time.Duration;
import java.util.Objects;

/**
 * How the join behaves.
 *
 * @param timeout how long either side waits for the other, in event time and in wall-clock time
 * @param timedOutPolicy what happens to a submitted event that times out
 */
public record JoinSettings(Duration timeout, TimedOutPolicy timedOutPolicy) {

    public JoinSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(timedOutPolicy, "timedOutPolicy");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }
}
