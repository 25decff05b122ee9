package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SplitSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitAssignerTest {

    private static final long T0 = 1_780_000_000_000L;
    private static final List<SplitSpec.Ratio> DEFAULT =
            SplitSpec.parseRatios(List.of(SplitSpec.DEFAULT_RATIOS.split(",")));

    private static SplitAssigner assigner(String seed) {
        return new SplitAssigner(new SplitSpec(DEFAULT, seed, Optional.empty()));
    }

    private static List<String> keys(int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add("ISSUE-" + i);
        }
        return keys;
    }

    private static Map<String, String> assign(SplitAssigner assigner, List<String> keys) {
        Map<String, String> splits = new HashMap<>();
        keys.forEach(k -> splits.put(k, assigner.splitOf(k, T0)));
        return splits;
    }

    /** The documented function, computed the plain way: SHA-256 of seed, 0x00, key (UTF-8), first 64 bits. */
    private static double referencePosition(String seed, String key) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(seed.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        long bits = ByteBuffer.wrap(sha256.digest(key.getBytes(StandardCharsets.UTF_8)))
                .getLong();
        return ((bits >>> 1) * 2.0 + (bits & 1)) / 0x1p64;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "experiment-7"})
    void theReusedBuffersGiveExactlyTheDocumentedHash(String seed) throws Exception {
        SplitAssigner assigner = assigner(seed);
        List<String> keys = new ArrayList<>(keys(1000));
        keys.addAll(
                List.of("", "clé-été", "チケット-1", "ticket-\uD83D\uDE00", "x".repeat(65), "y".repeat(1000), "ISSUE-1"));
        for (String key : keys) {
            assertThat(assigner.positionOf(key)).as(key).isEqualTo(referencePosition(seed, key));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "experiment-7"})
    void aKeyGetsTheSameSplitInEveryRunAndOrderForAGivenSeed(String seed) {
        List<String> keys = keys(10_000);
        Map<String, String> first = assign(assigner(seed), keys);
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(3));

        assertThat(assign(assigner(seed), shuffled)).isEqualTo(first);
    }

    @Test
    void addingKeysNeverMovesAnExistingKey() {
        List<String> existing = keys(5_000);
        Map<String, String> before = assign(assigner("s"), existing);
        SplitAssigner grown = assigner("s");
        List<String> more = new ArrayList<>(keys(20_000));
        Collections.shuffle(more, new Random(9));

        Map<String, String> after = assign(grown, more);

        existing.forEach(k -> assertThat(after.get(k)).as(k).isEqualTo(before.get(k)));
    }

    @Test
    void theSplitIsAPureFunctionOfTheKeyNotOfTheTimeOrPartition() {
        SplitAssigner assigner = assigner("");
        assertThat(assigner.splitOf("ISSUE-7", T0)).isEqualTo(assigner.splitOf("ISSUE-7", T0 + 86_400_000L * 365));
        assertThat(assigner.positionOf("ISSUE-7")).isEqualTo(assigner("").positionOf("ISSUE-7"));
    }

    @Test
    void aDifferentSeedReshufflesKeys() {
        List<String> keys = keys(10_000);
        Map<String, String> a = assign(assigner("a"), keys);
        Map<String, String> b = assign(assigner("b"), keys);

        long moved = keys.stream().filter(k -> !a.get(k).equals(b.get(k))).count();
        assertThat(moved).isBetween(3_000L, 4_000L); // 1 - (0.8² + 0.1² + 0.1²) = 34% expected
    }

    @Test
    void observedRatiosMatchTheConfiguredOnesOn100kKeys() {
        Map<String, Integer> counts = new HashMap<>();
        SplitAssigner assigner = assigner("");
        for (String key : keys(100_000)) {
            counts.merge(assigner.splitOf(key, T0), 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys("train", "validation", "test");
        assertThat(counts.get("train") / 100_000.0).isCloseTo(0.8, within(0.005));
        assertThat(counts.get("validation") / 100_000.0).isCloseTo(0.1, within(0.005));
        assertThat(counts.get("test") / 100_000.0).isCloseTo(0.1, within(0.005));
    }

    @Test
    void rowsSubmittedAfterTheHoldoutGoToTest() {
        Instant holdout = Instant.ofEpochMilli(T0);
        SplitAssigner assigner = new SplitAssigner(new SplitSpec(DEFAULT, "", Optional.of(holdout)));
        String trainKey = keys(100).stream()
                .filter(k -> assigner.splitOf(k, T0).equals("train"))
                .findFirst()
                .get();

        assertThat(assigner.splitOf(trainKey, T0)).isEqualTo("train");
        assertThat(assigner.splitOf(trainKey, T0 + 1)).isEqualTo("test");
    }

    @Test
    void rowsOfOneGroupShareASplitWhateverTheirKeys() {
        DatasetShape shape = DatasetShape.defaults();
        List<String> splits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Features features = new Features(List.of(), List.of(), "customer-" + (i % 5));
            Row row = new Row("ISSUE-" + i, features, "billing", T0, T0 + 1, JoinStatus.JOINED, 1, List.of());
            splits.add(i % 5 + ":" + shape.splitOf(row));
        }

        assertThat(splits.stream().distinct().count()).isEqualTo(5);
    }

    @Test
    void ratiosAreCheckedWithAMessageThatShowsTheFix() {
        assertThatThrownBy(() ->
                        new SplitSpec(SplitSpec.parseRatios(List.of("train=0.8", "test=0.1")), "", Optional.empty()))
                .hasMessage("the split ratios add up to 0.9, not 1; e.g. '" + SplitSpec.DEFAULT_RATIOS + "'");
        assertThatThrownBy(() -> SplitSpec.parseRatios(List.of("Train=1"))).hasMessageContaining("lower-case name");
        assertThatThrownBy(() -> new SplitSpec(
                        SplitSpec.parseRatios(List.of("train=0.9", "dev=0.1")), "", Optional.of(Instant.EPOCH)))
                .hasMessageContaining("a time holdout fills the split 'test'");
    }
}
