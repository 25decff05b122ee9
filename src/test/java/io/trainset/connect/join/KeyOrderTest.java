package io.trainset.connect.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    @Test
    void sortsLikeStringCompareToAtEverySizeAroundTheRunsAndMerges() {
        Random random = new Random(14);
        for (int n : new int[] {0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 1_000, 4_097}) {
            String[] keys = new String[n];
            for (int i = 0; i < n; i++) {
                // few distinct lengths and characters: duplicates, shared prefixes, non-ASCII
                keys[i] = "k" + random.nextInt(n + 1) + (random.nextBoolean() ? "é" : "");
            }
            String[] expected = keys.clone();
            Arrays.sort(expected);

            KeyOrder.sort(keys);

            assertThat(keys).as("%d keys", n).containsExactly(expected);
        }
    }

    @Test
    void keepsSortedAndReversedInputsExact() {
        String[] ascending = new String[200];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = String.format("key-%04d", i);
        }
        String[] descending = ascending.clone();
        java.util.Collections.reverse(Arrays.asList(descending));

        String[] sorted = ascending.clone();
        KeyOrder.sort(sorted);
        KeyOrder.sort(descending);

        assertThat(sorted).containsExactly(ascending);
        assertThat(descending).containsExactly(ascending);
    }
}
