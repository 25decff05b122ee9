package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The early-label mode's part of the human dataset card: what {@code label_version} and {@code label_final} mean,
 * the provisional and final rows per split, and the two ways to train (latest version per key, final rows only) in
 * pandas, DuckDB and Spark. The DuckDB and Spark queries are the ones docs/dataset.md shows and EarlyLabelsIT runs.
 */
public final class EarlyLabelRecipes {

    /** DuckDB and Spark SQL over a view {@code rows} of the dataset: the final rows only. */
    public static final String FINAL_ROWS_SQL = "SELECT * FROM rows WHERE label_final";

    /**
     * DuckDB and Spark SQL over a view {@code rows}: the latest version per key, that is every final row and the
     * provisional row of each key that has no final row yet.
     */
    public static final String LATEST_PER_KEY_SQL = "SELECT * FROM rows WHERE label_final\n"
            + "UNION ALL\n"
            + "SELECT * FROM rows WHERE NOT label_final AND key NOT IN (SELECT key FROM rows WHERE label_final)";

    private EarlyLabelRecipes() {}

    /** The card's section, when the mode is on. */
    static void section(StringBuilder md, JsonNode card) {
        md.append("## Early labels: provisional and final rows\n\n")
                .append("This dataset is written in the early-label mode (`join.early.window.ms`). A submission still ")
                .append("without a resolution at its early point (its case's first submission time plus the early ")
                .append("window) has a provisional row: `join_status = provisional`, label null, `label_version = 1`, ")
                .append("`label_final = false`. Its final row (joined or timed out) follows with `label_version = 2` ")
                .append("and `label_final = true`; a case resolved before its early point has only its final row, ")
                .append("`label_version = 1`. A provisional row is not a timeout: the case may still be resolved.\n\n")
                .append("| split | provisional rows | final rows |\n|---|---|---|\n");
        card.path("per_split")
                .fields()
                .forEachRemaining(e -> md.append("| ")
                        .append(CardReadme.code(e.getKey()))
                        .append(" | ")
                        .append(e.getValue().path("provisional").asText())
                        .append(" | ")
                        .append(e.getValue().path("final").asText())
                        .append(" |\n"));
        md.append("\nTrain on the final rows only (complete labels, but the newest cases are missing until their ")
                .append("window closes), or on the latest version per key (every final row, and the provisional row ")
                .append("of each key without one yet: fresh, but provisional rows are unlabelled so far). A key ")
                .append("submitted again after its window closed starts a new case: \"latest per key\" then keeps ")
                .append("the earlier case's final row and not the new case's provisional one. With `df` loaded as ")
                .append("below:\n\n```python\n")
                .append("final = df[df[\"label_final\"]]\n")
                .append("latest = df[df[\"label_final\"] | ~df[\"key\"].isin(final[\"key\"])]\n")
                .append(
                        "```\n\nDuckDB and Spark (`spark.sql`), with the dataset as a view `rows`:\n\n```sql\n-- final ")
                .append("rows only\n")
                .append(FINAL_ROWS_SQL)
                .append(";\n-- latest version per key\n")
                .append(LATEST_PER_KEY_SQL)
                .append(";\n```\n\n");
    }
}
