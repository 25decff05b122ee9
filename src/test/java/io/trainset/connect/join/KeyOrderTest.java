package io.trainset.connect.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    private static final int[] SIZES = {
        0, 1, 2, 31, 32, 33, 63, 64, 65, 100, KeyOrder.PACKED - 1, KeyOrder.PACKED, KeyOrder.PACKED + 1, 1_000, 4_097
    };

    @Test
    void sortsLikeStringCompareToAtEverySizeAroundTheRunsAndMerges() {
        // few distinct lengths and characters: duplicates, shared prefixes, non-ASCII
        sortsLikeCompareTo(random -> "k" + random.nextInt(4_098) + (random.nextBoolean() ? "é" : ""));
    }

    @Test
    void sortsTicketNumbersThatShareALongPrefix() {
        sortsLikeCompareTo(random -> String.format("ISSUE-%09d", random.nextInt(500_000)));
    }

    @Test
    void sortsKeysThatEndWhereOthersGoOn() {
        // a key that is the shared prefix itself, keys that are prefixes of others, an empty key
        sortsLikeCompareTo(random -> "ab".substring(0, random.nextInt(3)) + "c".repeat(random.nextInt(12)));
        sortsLikeCompareTo(random -> "shared/" + "xy".repeat(random.nextInt(5)));
    }

    @Test
    void sortsKeysEqualInTheirPackedCharactersByTheRest() {
        // the characters that fit in a long are the same for many keys: the rest decides
        sortsLikeCompareTo(random -> "p-" + (char) ('a' + random.nextInt(3)) + "aaaaaaaaaaaa" + random.nextInt(50));
    }

    @Test
    void sortsCharactersAroundTheNarrowAndWideBounds() {
        char[] edges = {0, 1, 'a', 125, 126, 127, 128, 255, 256, 0x7FFF, 0xD800, 0xDC00, 0xFFFE, 0xFFFF};
        sortsLikeCompareTo(random -> {
            StringBuilder key = new StringBuilder("x");
            for (int i = random.nextInt(8); i > 0; i--) {
                key.append(edges[random.nextInt(edges.length)]);
            }
            return key.toString();
        });
        // narrow except for one key: every key packed again, wide
        sortsLikeCompareTo(random -> random.nextInt(1_000) == 0 ? "k\uFFFF" : "k" + random.nextInt(10_000));
    }

    @Test
    void sortsRandomKeysWithoutASharedPrefix() {
        sortsLikeCompareTo(random -> Long.toHexString(random.nextLong()));
    }

    @Test
    void keepsSortedAndReversedInputsExact() {
        for (int n : new int[] {200, 2_000}) {
            String[] ascending = new String[n];
            for (int i = 0; i < ascending.length; i++) {
                ascending[i] = String.format("key-%04d", i);
            }
            String[] descending = ascending.clone();
            Collections.reverse(Arrays.asList(descending));

            String[] sorted = ascending.clone();
            KeyOrder.sort(sorted);
            KeyOrder.sort(descending);

            assertThat(sorted).containsExactly(ascending);
            assertThat(descending).containsExactly(ascending);
        }
    }

    /** Keys made by {@code key} at every size of {@link #SIZES}, sorted as {@code Arrays.sort} sorts them. */
    private static void sortsLikeCompareTo(Function<Random, String> key) {
        Random random = new Random(14);
        for (int n : SIZES) {
            String[] keys = new String[n];
            for (int i = 0; i < n; i++) {
                keys[i] = key.apply(random);
            }
            String[] expected = keys.clone();
            Arrays.sort(expected);

            KeyOrder.sort(keys);

            assertThat(keys).as("%d keys", n).containsExactly(expected);
        }
    }
}
