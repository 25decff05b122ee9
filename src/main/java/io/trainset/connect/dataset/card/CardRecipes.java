package io.trainset.connect.dataset.card;

import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.PathLevel;
import java.util.List;

/**
 * The sections of the human dataset card that say how to use the data: the label window and censored rows, and a
 * loading recipe per reader for this dataset's layout (each reads the path levels as strings and unions the files'
 * schemas by name). docs/dataset.md, "Reading the dataset", says which of them were run and at which versions.
 */
final class CardRecipes {

    private CardRecipes() {}

    /** What {@code label_deadline} and {@code join_status} say, and the bias of dropping timed-out rows. */
    static void labelWindow(StringBuilder md) {
        md.append("## Delayed labels: the label window and censored rows\n\n")
                .append("Every row carries `label_deadline` (UTC): its case's start (`submitted_at`, or the key's ")
                .append("first version with `join.submission.versions=latest`) plus the labelling horizon ")
                .append("(`join.window.after.ms`), the end of the window the row was judged by. A `joined` row's ")
                .append("resolution came by then (`resolved_at <= label_deadline`). A `timed_out` row (label null) is ")
                .append("censored at `label_deadline`: no resolution came within the window, which is not the same ")
                .append(
                        "as a negative outcome. Dropping timed-out rows keeps only submissions that resolved in time and ")
                .append("biases a model towards fast, easy cases; reading them as a class of their own biases it the ")
                .append("other way. Delayed-feedback methods (arXiv 2012.03245, 2202.06472) instead weight or relabel ")
                .append("such rows, and survival models take them as censored observations:\n\n```python\n")
                .append("df[\"duration_ms\"] = df[\"resolution_ms\"].fillna(\n")
                .append("    (df[\"label_deadline\"] - df[\"submitted_at\"]).dt.total_seconds() * 1000)\n")
                .append("df[\"observed\"] = df[\"join_status\"] == \"joined\"   # False: censored at label_deadline\n")
                .append("```\n\n");
    }

    static void loading(StringBuilder md, CardContext context) {
        String root = context.location();
        boolean s3 = root.startsWith("s3://");
        boolean labelLevel = context.layout().labelIsLevel();
        String storage = s3 ? ", storage_options={\"client_kwargs\": {\"endpoint_url\": ENDPOINT}}" : "";
        md.append("## Load it\n\npandas / pyarrow (unions the files' schemas by name):\n\n```python\n")
                .append("import pyarrow as pa, pyarrow.dataset as ds\n")
                .append("parts = ds.partitioning(pa.schema([")
                .append(levelFields(context, "pa.string()"))
                .append("]), flavor=\"hive\")\n")
                .append("files = ds.dataset(\"")
                .append(root)
                .append("\", format=\"parquet\", partitioning=parts)\n")
                .append(
                        "schema = pa.unify_schemas([f.physical_schema for f in files.get_fragments()] + [parts.schema])\n")
                .append("df = ds.dataset(\"")
                .append(root)
                .append("\", format=\"parquet\", partitioning=parts, schema=schema)")
                .append(".to_table().to_pandas()\n```\n\nDuckDB:\n\n```sql\nSELECT * FROM read_parquet('")
                .append(root)
                .append("/**/*.parquet', hive_partitioning = true, union_by_name = true")
                .append(labelLevel ? ", hive_types = {'label': 'VARCHAR'}" : "")
                .append(");\n```\n\n")
                .append("Polars (one scan per file: a glob takes the first file's schema and fails on a column added ")
                .append("later):\n\n```python\nimport glob, polars as pl\n")
                .append("files = glob.glob(\"")
                .append(root)
                .append("/**/*.parquet\", recursive=True)\n")
                .append("df = pl.concat([pl.scan_parquet(f, hive_partitioning=True, hive_schema={")
                .append(levelFields(context, "pl.String"))
                .append("}) for f in files],\n               how=\"diagonal_relaxed\").collect()\n```\n\n")
                .append("Spark:\n\n```python\n")
                .append(
                        labelLevel
                                ? "spark.conf.set(\"spark.sql.sources.partitionColumnTypeInference.enabled\", \"false\")\n"
                                : "")
                .append("df = spark.read.option(\"mergeSchema\", \"true\").parquet(\"")
                .append(s3 ? root.replace("s3://", "s3a://") : root)
                .append("\")\n```\n\n")
                .append("Hugging Face `datasets` (one pattern per split; it casts every file of a split to the first ")
                .append("file's schema, so load after the schema settles or pass `features=`):\n\n```python\n")
                .append("from datasets import load_dataset\nds = load_dataset(\"parquet\", data_files={");
        List<String> names = context.splits().names();
        for (int i = 0; i < names.size(); i++) {
            md.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(names.get(i))
                    .append("\": \"")
                    .append(splitGlob(root, context, names.get(i)))
                    .append('"');
        }
        md.append("}").append(storage).append(")\n```\n");
    }

    /** Each path level with a string type: {@code ("split", pa.string())} for pyarrow, {@code "split": pl.String}. */
    private static String levelFields(CardContext context, String type) {
        boolean tuples = type.startsWith("pa.");
        StringBuilder fields = new StringBuilder();
        for (PathLevel level : context.layout().levels()) {
            fields.append(fields.isEmpty() ? "" : ", ")
                    .append(tuples ? "(\"" : "\"")
                    .append(level.levelName())
                    .append(tuples ? "\", " + type + ")" : "\": " + type);
        }
        return fields.toString();
    }

    /** The glob of one split's files: its path level when there is one, else the file name prefix. */
    static String splitGlob(String root, CardContext context, String split) {
        List<PathLevel> levels = context.layout().levels();
        int at = levels.indexOf(PathLevel.SPLIT);
        if (at < 0) {
            return root + "/**/" + split + "-*" + DatasetKeys.DATA_FILE_SUFFIX;
        }
        return root + "/" + "*/".repeat(at) + "split=" + split + "/**/*" + DatasetKeys.DATA_FILE_SUFFIX;
    }
}
