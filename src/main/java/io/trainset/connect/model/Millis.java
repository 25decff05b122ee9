package io.trainset.connect.model;

/** Arithmetic on times and durations in milliseconds that may be any long (event times come from producers). */
public final class Millis {

    private Millis() {}

    /** {@code a + b}, or the long nearest to it when the sum overflows. */
    public static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : sum;
    }
}
