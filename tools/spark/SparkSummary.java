// Reads a Trainset dataset directory with Spark in local mode, as docs/dataset.md's recipe says
// (mergeSchema, the split= level decoded, the label read from the files), and prints the same JSON
// summary as tools/readers/duckdb-summary.mjs: rows per [split, label], the columns Spark sees
// (name:type) and the files it read. Run in a JVM of its own (see pom.xml):
//   java <add-opens> -cp "$(cat target/classpath.txt)" SparkSummary.java <dataset directory> [--label-directories]
// With label directories it turns off partition column type inference, without which Spark reads
// label=007 as 7.
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

public final class SparkSummary {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SparkSummary <dataset directory> [--label-directories]");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("trainset-reader-check")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.session.timeZone", "UTC")
                .config(
                        "spark.sql.sources.partitionColumnTypeInference.enabled",
                        String.valueOf(!(args.length > 1 && args[1].equals("--label-directories"))))
                .getOrCreate();
        try {
            Dataset<Row> df = spark.read().option("mergeSchema", "true").parquet(args[0]);
            ObjectMapper json = new ObjectMapper();
            ObjectNode summary = json.createObjectNode();
            summary.put("reader", "spark " + spark.version());
            ArrayNode counts = summary.putArray("counts");
            for (Row r : df.groupBy("split", "label").count().orderBy("split", "label").collectAsList()) {
                ArrayNode count = counts.addArray();
                count.add(r.getString(0));
                count.add(r.isNullAt(1) ? null : r.get(1).toString());
                count.add(r.getLong(2));
            }
            ArrayNode columns = summary.putArray("columns");
            for (StructField field : df.schema().fields()) {
                columns.add(field.name() + ":" + field.dataType().simpleString());
            }
            summary.put("files", df.inputFiles().length);
            System.out.println("SUMMARY " + json.writeValueAsString(summary));
        } finally {
            spark.stop();
        }
    }
}
