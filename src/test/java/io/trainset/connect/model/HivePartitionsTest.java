package io.trainset.connect.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.HostileLabels;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class HivePartitionsTest {

    @ParameterizedTest
    @MethodSource("io.trainset.connect.testing.HostileLabels#withLevels")
    void eachLabelBecomesOneEscapedPathLevel(String label, String level) {
        assertThat(HivePartitions.level("label", label)).isEqualTo(level);
        assertThat(HivePartitions.escape(label)).doesNotContain("/");
    }

    @ParameterizedTest
    @MethodSource("io.trainset.connect.testing.HostileLabels#withLevels")
    void eachLevelDecodesBackToItsLabel(String label, String level) {
        String escaped = HivePartitions.escape(label);

        assertThat(hiveUnescape(escaped)).isEqualTo(label);
        assertThat(DatasetFiles.partitionsOf(level + "/part-0.parquet")).containsExactly(Map.entry("label", label));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyBecomeHivesNullPartition(String label) {
        assertThat(HivePartitions.escape(label))
                .isEqualTo("__HIVE_DEFAULT_PARTITION__")
                .isEqualTo(HivePartitions.NULL_VALUE);
        assertThat(HivePartitions.level("label", label)).isEqualTo("label=__HIVE_DEFAULT_PARTITION__");
        assertThat(DatasetFiles.partitionsOf("label=__HIVE_DEFAULT_PARTITION__/part-0.parquet"))
                .containsOnlyKeys("label")
                .containsEntry("label", null);
    }

    @Test
    void distinctLabelsNeverShareADirectory() {
        List<String> labels =
                HostileLabels.withLevels().map(a -> (String) a.get()[0]).toList();
        Set<String> levels = new HashSet<>();

        labels.forEach(label -> levels.add(HivePartitions.level("label", label)));

        assertThat(levels).hasSameSizeAs(labels);
    }

    @Test
    void everyAsciiCharacterRoundTripsWithoutASlash() {
        for (char c = 1; c < 0x80; c++) {
            String label = "x" + c + "y";
            String escaped = HivePartitions.escape(label);
            assertThat(escaped).as("escape of U+%04X", (int) c).doesNotContain("/");
            assertThat(hiveUnescape(escaped))
                    .as("round trip of U+%04X", (int) c)
                    .isEqualTo(label);
        }
    }

    /** Hive's {@code FileUtils.unescapePathName}: each {@code %XX} is the char XX; everything else is literal. */
    private static String hiveUnescape(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                out.append((char) Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
