package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the human dataset card, {@code _trainset/README.md}, from the machine-readable one. Every
 * string that comes from the data (labels, split names, column names and types) is written as a
 * Markdown code span ({@link #code}), which no renderer reads as HTML, a link or emphasis.
 */
final class CardReadme {

    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private CardReadme() {}

    static String render(JsonNode card, CardContext context) {
        StringBuilder md = new StringBuilder();
        String root = context.location();
        md.append("# Dataset card: ")
                .append(root)
                .append("\n\n")
                .append("Written by Trainset ")
                .append(card.path("connector_version").asText())
                .append(" (configuration digest `")
                .append(card.path("config_digest").asText())
                .append("`), updated ")
                .append(card.path("updated_at").asText())
                .append(" from ")
                .append(card.path("card_parts").asInt())
                .append(" card part(s). Machine-readable: [`dataset.json`](dataset.json).\n\n")
                .append(CardCompleteness.line(card.path("completeness")))
                .append("\n\n");
        summary(md, card);
        splits(md, card, context);
        counts(md, card, context.earlyLabels());
        if (context.earlyLabels()) {
            EarlyLabelRecipes.section(md, card);
        }
        schema(md, card);
        CardRecipes.labelWindow(md);
        CardRecipes.loading(md, context);
        return md.toString();
    }

    private static void summary(StringBuilder md, JsonNode card) {
        JsonNode join = card.path("join");
        JsonNode lag = card.path("resolution_lag_ms");
        md.append("## Summary\n\n| | |\n|---|---|\n")
                .append(row("rows", card.path("rows").asText()))
                .append(row(
                        "files / bytes",
                        card.path("files").asText() + " / " + card.path("bytes").asText()))
                .append(row(
                        "event time",
                        card.path("event_time").path("min").asText() + " … "
                                + card.path("event_time").path("max").asText()))
                .append(row(
                        "joined / timed out (censored, label null)",
                        join.path("joined_rows").asText() + " / "
                                + join.path("timed_out_rows").asText()))
                .append(
                        join.has("provisional_rows")
                                ? row(
                                        "provisional / final rows (early labels)",
                                        join.path("provisional_rows").asText() + " / "
                                                + join.path("final_rows").asText())
                                : "")
                .append(row(
                        "late events (behind the watermark, join.late.policy)",
                        join.path("late_events").asText()))
                .append(row(
                        "orphaned resolutions / duplicates / dropped timeouts",
                        join.path("orphaned_resolutions").asText() + " / "
                                + join.path("duplicates").asText() + " / "
                                + join.path("timed_out_dropped").asText()))
                .append(row(
                        "resolution lag p50 / p90 / p99",
                        lag.path("p50").asText() + " / " + lag.path("p90").asText() + " / "
                                + lag.path("p99").asText() + " ms"))
                .append(row(
                        "class imbalance in " + code(card.path("train_split").asText()) + " (largest / smallest)",
                        card.path("class_imbalance_ratio").asText()))
                .append(row(
                        "labels missing from " + code(card.path("train_split").asText()),
                        codes(card.path("labels_missing_from_train"))))
                .append(row("label names", codes(card.path("label_names"))))
                .append('\n');
    }

    private static void splits(StringBuilder md, JsonNode card, CardContext context) {
        JsonNode splits = card.path("splits");
        md.append("## Splits\n\nBy ")
                .append(splits.path("by").asText())
                .append(", ratios ")
                .append(splits.path("ratios").toString())
                .append(", seed '")
                .append(splits.path("seed").asText())
                .append("': a key or group is always in one split, and adding data never moves a row.");
        String holdout = CardDocument.holdout(context);
        md.append(holdout == null ? "" : " Time holdout: " + holdout + ".")
                .append("\n\n")
                .append("| split | rows | keys | timed out | labels |\n|---|---|---|---|---|\n");
        card.path("per_split")
                .fields()
                .forEachRemaining(e -> md.append("| ")
                        .append(code(e.getKey()))
                        .append(" | ")
                        .append(e.getValue().path("rows").asText())
                        .append(" | ")
                        .append(e.getValue().path("keys").asText())
                        .append(" | ")
                        .append(e.getValue().path("timed_out").asText())
                        .append(" | ")
                        .append(e.getValue().path("labels").asText())
                        .append(" |\n"));
        md.append('\n');
    }

    private static void counts(StringBuilder md, JsonNode card, boolean earlyLabels) {
        String nullLabel = earlyLabels ? "(null: timed out or provisional)" : "(null: timed out)";
        md.append(
                        "## Rows per split and label\n\nKeys are a HyperLogLog estimate (standard error 1.6%, never above the rows).\n\n")
                .append("| split | label | rows | keys |\n|---|---|---|---|\n");
        for (JsonNode c : card.path("counts")) {
            md.append("| ")
                    .append(code(c.path("split").asText()))
                    .append(" | ")
                    .append(
                            c.path("label").isNull()
                                    ? nullLabel
                                    : code(c.path("label").asText()))
                    .append(" | ")
                    .append(c.path("rows").asText())
                    .append(" | ")
                    .append(c.path("keys").asText())
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void schema(StringBuilder md, JsonNode card) {
        md.append("## Columns in the files\n\n| column | type |\n|---|---|\n");
        for (JsonNode c : card.path("schema")) {
            md.append("| ")
                    .append(code(c.path("name").asText()))
                    .append(" | ")
                    .append(code(c.path("type").asText()))
                    .append(
                            c.has("conflict")
                                    ? " (conflict: " + c.path("conflict").asText() + ")"
                                    : "")
                    .append(" |\n");
        }
        md.append("\nEvery column is nullable; a column that appears later is null in earlier files. Path levels ")
                .append(card.path("layout").path("path_levels").toString())
                .append(" are decoded from the Hive path (`__HIVE_DEFAULT_PARTITION__` is null); read them as strings ")
                .append("(the recipes below do). A `label` column in the files holds the exact label: `\"\"` and null ")
                .append("are distinct.\n\n");
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "| %s | %s |%n", name, value);
    }

    /** The strings of a JSON array as code spans, separated by commas. */
    private static String codes(JsonNode array) {
        List<String> spans = new ArrayList<>();
        array.forEach(s -> spans.add(code(s.asText())));
        return spans.isEmpty() ? "none" : String.join(", ", spans);
    }

    /**
     * {@code text} as a code span that stays inside one Markdown table cell, whatever it holds: line
     * breaks and other control characters become spaces (a line break would end the table row), a pipe
     * is escaped as GFM tables require even inside a span, and the span's fence is one backtick longer
     * than the longest run of backticks in the text (padded with spaces where the text starts or ends
     * with a backtick or a space, which CommonMark strips once). Inside a code span nothing is HTML, a
     * link, a heading or emphasis.
     */
    static String code(String text) {
        String flat = text.codePoints()
                .map(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .replace("|", "\\|");
        int longest = 0;
        Matcher runs = BACKTICKS.matcher(flat);
        while (runs.find()) {
            longest = Math.max(longest, runs.group().length());
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = flat.isEmpty()
                || flat.startsWith("`")
                || flat.endsWith("`")
                || flat.startsWith(" ")
                || flat.endsWith(" ");
        return pad ? fence + " " + flat + " " + fence : fence + flat + fence;
    }
}
