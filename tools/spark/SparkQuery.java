// Runs SQL recipes over a Trainset dataset directory with Spark in local mode, as docs/dataset.md's
// early-label recipes say (spark.sql over the dataset as the view `rows`, read with mergeSchema), and
// prints each query's rows as [key, label, join_status, label_version, label_final], sorted, in the
// same JSON as tools/readers/duckdb-query.mjs. Run in a JVM of its own (see pom.xml):
//   java <add-opens> -cp "$(cat target/classpath.txt)" SparkQuery.java <dataset directory> <sql> [<sql> ...]
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

public final class SparkQuery {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SparkQuery <dataset directory> <sql> [<sql> ...]");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("trainset-recipe-check")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        try {
            spark.read().option("mergeSchema", "true").parquet(args[0]).createOrReplaceTempView("rows");
            ObjectMapper json = new ObjectMapper();
            ObjectNode summary = json.createObjectNode();
            summary.put("reader", "spark " + spark.version());
            ArrayNode results = summary.putArray("results");
            for (int q = 1; q < args.length; q++) {
                ArrayNode rows = results.addArray();
                String sql = "SELECT key, label, join_status, label_version, label_final FROM (" + args[q]
                        + ") ORDER BY key, label, join_status, label_version, label_final";
                for (Row r : spark.sql(sql).collectAsList()) {
                    ArrayNode row = rows.addArray();
                    row.add(r.getString(0));
                    row.add(r.isNullAt(1) ? null : r.get(1).toString());
                    row.add(r.getString(2));
                    row.add(r.getInt(3));
                    row.add(r.getBoolean(4));
                }
            }
            System.out.println("SUMMARY " + json.writeValueAsString(summary));
        } finally {
            spark.stop();
        }
    }
}
