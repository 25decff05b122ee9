package io.trainset.connect.testing;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a property over generated cases, case {@code i} from seed {@code i} (1, 2, ...): the same cases on
 * every run. A failure names its seed and its input; {@code -Dtrainset.seed=S} runs only seed S, to
 * debug it, and {@code -Dtrainset.cases=N} runs N cases per property instead of the test's count.
 */
public final class SeededCases {

    private SeededCases() {}

    public static <T> void check(int cases, Function<Gen, T> generate, Consumer<T> property) {
        String only = System.getProperty("trainset.seed");
        if (only != null) {
            checkOne(Long.parseLong(only.trim()), generate, property);
            return;
        }
        int count = Integer.getInteger("trainset.cases", cases);
        for (long seed = 1; seed <= count; seed++) {
            checkOne(seed, generate, property);
        }
    }

    private static <T> void checkOne(long seed, Function<Gen, T> generate, Consumer<T> property) {
        T input = generate.apply(new Gen(seed));
        try {
            property.accept(input);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(
                    "Failed for seed " + seed + " (rerun it alone with -Dtrainset.seed=" + seed + "), input: " + input
                            + "\n" + e.getMessage(),
                    e);
        }
    }
}
