package io.trainset.connect.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Random test values from an explicit seed: the same seed gives the same values, so a failing case
 * is reproduced by its seed alone ({@link SeededCases}). Bounds are inclusive.
 */
public final class Gen {

    private final SplittableRandom random;

    public Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    public long between(long min, long max) {
        return max == Long.MAX_VALUE
                ? (min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1)
                : random.nextLong(min, max + 1);
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** True with probability {@code numerator / denominator}. */
    public boolean chance(int numerator, int denominator) {
        return random.nextInt(denominator) < numerator;
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** One of {@code values}, each as likely as its weight (the same index in {@code weights}). */
    @SafeVarargs
    public final <T> T weighted(int[] weights, T... values) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int pick = random.nextInt(total);
        for (int i = 0; ; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return values[i];
            }
        }
    }

    /** A list of {@code min} to {@code max} elements (the size uniform in between). */
    public <T> List<T> list(int min, int max, Supplier<T> element) {
        int size = between(min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }
}
