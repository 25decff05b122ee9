package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.testing.Datasets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README renders producer strings (labels, column names) as inert code spans. */
class CardReadmeTest {

    private static final String HOSTILE =
            "a|b`c\n# Owned <script>alert(1)</script> [x](http://evil.example) &amp; **b**";

    @Test
    void aCodeSpanEscapesPipesWidensItsFenceAroundBackticksAndFlattensLineBreaks() {
        assertThat(CardReadme.code("billing")).isEqualTo("`billing`");
        assertThat(CardReadme.code("a|b")).isEqualTo("`a\\|b`");
        assertThat(CardReadme.code("x`y")).isEqualTo("``x`y``");
        assertThat(CardReadme.code("`")).isEqualTo("`` ` ``");
        assertThat(CardReadme.code("a``b")).isEqualTo("```a``b```");
        assertThat(CardReadme.code("line\r\nbreak")).isEqualTo("`line  break`");
        assertThat(CardReadme.code(" padded ")).isEqualTo("`  padded  `");
        assertThat(CardReadme.code("")).isEqualTo("`  `");
    }

    @Test
    void hostileLabelsAndColumnNamesStayInertInsideTheirTableCells() {
        DatasetShape shape = DatasetShape.defaults();
        CardContext context =
                Datasets.cardContext("file:///data", shape.layout(), shape.splitSpec(), Optional.empty(), false);
        CardStats stats = new CardStats();
        List<Column> columns = List.of(new Column(HOSTILE, ColumnType.STRING));
        stats.addRow(
                new Row(
                        "K1",
                        new Features(columns, List.of("v")),
                        HOSTILE,
                        1_000,
                        2_000L,
                        JoinStatus.JOINED,
                        1,
                        List.of(new SourcePosition("t", 0, 1))),
                "train");
        stats.addFile(100, columns);

        String readme = CardReadme.render(CardDocument.render(stats, Map.of(), context, 1, Instant.EPOCH), context);

        List<String> outsideFences = outsideCodeBlocks(readme);
        assertThat(outsideFences)
                .filteredOn(line -> line.startsWith("#"))
                .allMatch(line -> line.startsWith("# Dataset card: ") || line.startsWith("## "));
        for (String line : outsideFences) {
            String prose = withoutCodeSpans(line).replace("[](dataset.json)", ""); // the card's own link
            assertThat(prose).as(line).doesNotContain("<", "](", "**", "http");
        }
        assertThat(outsideFences)
                .filteredOn(line -> line.startsWith("| `train` |") && line.contains("Owned"))
                .singleElement()
                .satisfies(row -> assertThat(unescapedPipes(row)).isEqualTo(5));
        assertThat(outsideFences)
                .filteredOn(line -> line.contains("Owned") && line.contains("`string`"))
                .singleElement()
                .satisfies(row -> assertThat(unescapedPipes(row)).isEqualTo(3));
    }

    /** The lines outside fenced code blocks. */
    private static List<String> outsideCodeBlocks(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean inBlock = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
            } else if (!inBlock) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The line without its code spans (CommonMark: a run of n backticks up to the next run of exactly n). */
    private static String withoutCodeSpans(String line) {
        StringBuilder rest = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) != '`') {
                rest.append(line.charAt(i++));
                continue;
            }
            int n = run(line, i);
            int close = i + n;
            while (close < line.length() && !(line.charAt(close) == '`' && run(line, close) == n)) {
                close += line.charAt(close) == '`' ? run(line, close) : 1;
            }
            i = Math.min(line.length(), close + n);
        }
        return rest.toString();
    }

    private static int run(String line, int at) {
        int end = at;
        while (end < line.length() && line.charAt(end) == '`') {
            end++;
        }
        return end - at;
    }

    private static long unescapedPipes(String row) {
        long pipes = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
                pipes++;
            }
        }
        return pipes;
    }
}
