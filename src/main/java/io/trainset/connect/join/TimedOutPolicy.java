package io.trainset.connect.join;

import java.util.Arrays;
import java.util.Locale;

/** What happens to a submitted event whose resolution did not arrive in time. */
public enum TimedOutPolicy {
    /** Emit it as an unlabelled row ({@code join_status=timed_out}, label null). */
    EMIT,
    /** Count it and discard it. */
    DROP;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String[] configValues() {
        return Arrays.stream(values()).map(TimedOutPolicy::configValue).toArray(String[]::new);
    }

    public static TimedOutPolicy parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
