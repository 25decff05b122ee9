package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The early-label mode's part of the human dataset card: what {@code label_version} and {@code label_final} mean,
 * the provisional and final rows per split, and the two ways to train (latest version per case, final rows only) in
 * pandas, DuckDB and Spark. The DuckDB and Spark queries are the ones docs/dataset.md shows and EarlyLabelsIT runs.
 */
public final class EarlyLabelRecipes {

    /**
     * DuckDB and Spark SQL over a view {@code rows} of the dataset: the final rows only. A row written before the mode
     * was turned on has no {@code label_final} (null): it is final.
     */
    public static final String FINAL_ROWS_SQL = "SELECT * FROM rows WHERE COALESCE(label_final, TRUE)";

    /**
     * DuckDB and Spark SQL over a view {@code rows}: the latest version per case (key and {@code case_started_at}),
     * that is every final row and the provisional row of each case that has no final row yet.
     */
    public static final String LATEST_PER_CASE_SQL = "SELECT * FROM rows WHERE COALESCE(label_final, TRUE)\n"
            + "UNION ALL\n"
            + "SELECT * FROM rows p WHERE NOT COALESCE(p.label_final, TRUE) AND NOT EXISTS (\n"
            + "  SELECT 1 FROM rows f WHERE COALESCE(f.label_final, TRUE)\n"
            + "  AND f.key = p.key AND f.case_started_at = p.case_started_at)";

    /** pandas, over a data frame {@code df} of the dataset: {@code final} and {@code latest} as the SQL above. */
    public static final String PANDAS = "import pandas as pd\n"
            + "is_final = df[\"label_final\"].fillna(True).astype(bool)  # null: written before the mode\n"
            + "final = df[is_final]\n"
            + "case = [\"key\", \"case_started_at\"]\n"
            + "has_final = pd.MultiIndex.from_frame(df[case]).isin(pd.MultiIndex.from_frame(final[case]))\n"
            + "latest = df[is_final | ~has_final]\n";

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
                .properties()
                .forEach(e -> md.append("| ")
                        .append(CardReadme.code(e.getKey()))
                        .append(" | ")
                        .append(e.getValue().path("provisional").asText())
                        .append(" | ")
                        .append(e.getValue().path("final").asText())
                        .append(" |\n"));
        md.append("\nA row's case is its key and `case_started_at` (UTC, the case's first submission time): its ")
                .append("provisional and final rows share both, also when a key is submitted again after its window ")
                .append("closed (a new case). A provisional row's `label_deadline` is its early point, so ")
                .append(
                        "`label_deadline - submitted_at` is the time it was observed for. Rows written before the mode ")
                .append("was turned on have no `label_final` (null): they are final rows.\n\n")
                .append("Train on the final rows only (complete labels, but the newest cases are missing until their ")
                .append("window closes), or on the latest version per case (every final row, and the provisional row ")
                .append("of each case without one yet: fresh, but provisional rows are unlabelled so far). For the ")
                .append("censoring recipe below, take the final rows first (or the latest version per case: a ")
                .append("provisional row is then censored at its early point). With `df` loaded as below:\n\n")
                .append("```python\n")
                .append(PANDAS)
                .append(
                        "```\n\nDuckDB and Spark (`spark.sql`), with the dataset as a view `rows`:\n\n```sql\n-- final ")
                .append("rows only\n")
                .append(FINAL_ROWS_SQL)
                .append(";\n-- latest version per case\n")
                .append(LATEST_PER_CASE_SQL)
                .append(";\n```\n\n")
                .append("With `join.timed.out.policy` `drop` or `dlq` a case that is never resolved has no final ")
                .append("row (its timeout is not written): its provisional row is never superseded, and \"latest ")
                .append("version per case\" keeps it.\n\n");
    }
}
