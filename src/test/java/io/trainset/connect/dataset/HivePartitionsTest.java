package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.DatasetFiles;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class HivePartitionsTest {

    /** Labels a producer may send, with the path level each must become. */
    static Stream<Arguments> hostileLabels() {
        return Stream.of(
                Arguments.of("billing", "label=billing"),
                Arguments.of("a/b", "label=a%2Fb"),
                Arguments.of("../..", "label=..%2F.."),
                Arguments.of("..", "label=.."),
                Arguments.of("x=y", "label=x%3Dy"),
                Arguments.of("%", "label=%25"),
                Arguments.of("%2F", "label=%252F"),
                Arguments.of("two words", "label=two words"),
                Arguments.of("a+b", "label=a+b"),
                Arguments.of("Rechnungsprüfung", "label=Rechnungsprüfung"),
                Arguments.of("tab\there\nnewline\u0000nul\u007Fdel", "label=tab%09here%0Anewline%00nul%7Fdel"),
                Arguments.of("C:\\temp", "label=C%3A%5Ctemp"),
                Arguments.of("\"#'*?{[]^", "label=%22%23%27%2A%3F%7B%5B%5D%5E"),
                Arguments.of("📦 shipping", "label=📦 shipping"));
    }

    @ParameterizedTest
    @MethodSource("hostileLabels")
    void eachLabelBecomesOneEscapedPathLevel(String label, String level) {
        assertThat(HivePartitions.level("label", label)).isEqualTo(level);
        assertThat(HivePartitions.escape(label)).doesNotContain("/");
    }

    @ParameterizedTest
    @MethodSource("hostileLabels")
    void eachLevelDecodesBackToItsLabel(String label, String level) {
        String escaped = HivePartitions.escape(label);

        assertThat(hiveUnescape(escaped)).isEqualTo(label);
        assertThat(DatasetFiles.partitionsOf(level + "/part-0.parquet")).containsExactly(Map.entry("label", label));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyBecomeHivesNullPartition(String label) {
        assertThat(HivePartitions.escape(label)).isEqualTo("__HIVE_DEFAULT_PARTITION__")
                .isEqualTo(HivePartitions.NULL_VALUE);
        assertThat(HivePartitions.level("label", label)).isEqualTo("label=__HIVE_DEFAULT_PARTITION__");
        assertThat(DatasetFiles.partitionsOf("label=__HIVE_DEFAULT_PARTITION__/part-0.parquet"))
                .containsOnlyKeys("label").containsEntry("label", null);
    }

    @Test
    void distinctLabelsNeverShareADirectory() {
        List<String> labels = hostileLabels().map(a -> (String) a.get()[0]).toList();
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
            assertThat(hiveUnescape(escaped)).as("round trip of U+%04X", (int) c).isEqualTo(label);
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
