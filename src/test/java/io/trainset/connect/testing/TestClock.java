package io.trainset.connect.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it; time is UTC. Not thread-safe. */
public final class TestClock extends Clock {

    private Instant now;

    private TestClock(Instant now) {
        this.now = now;
    }

    /** A clock showing {@code epochMillis}. */
    public static TestClock atMillis(long epochMillis) {
        return new TestClock(Instant.ofEpochMilli(epochMillis));
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public TestClock advance(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    /** Moves the clock forward by {@code millis}. */
    public TestClock advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    /** Sets the clock to {@code epochMillis}. */
    public TestClock setMillis(long epochMillis) {
        now = Instant.ofEpochMilli(epochMillis);
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("TestClock is UTC only");
    }

    @Override
    public String toString() {
        return "TestClock[" + now + "]";
    }
}
