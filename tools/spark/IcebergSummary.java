// Reads a Trainset Iceberg table with Spark in local mode through the table's own catalog (iceberg-spark-runtime's
// SparkCatalog; JDBC, REST or any type CatalogUtil knows), as docs/iceberg.md's Spark snippet says, and prints
// a JSON summary: the columns Spark sees (name:type), every row of the current snapshot by key (the columns named
// on the command line, as strings), and the keys of an earlier snapshot read with
// spark.read.option("snapshot-id", ...) (time travel). Run in a JVM of its own (see pom.xml):
//   java <add-opens> -cp "$(cat target/classpath.txt)" IcebergSummary.java <properties file>
// The properties file holds table=<namespace.table>, snapshot-id=<id>, columns=<a,b,...> and the catalog's
// properties as catalog.<key>=<value>.
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileReader;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

public final class IcebergSummary {

    private static final String CATALOG = "trainset";

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: IcebergSummary <properties file>");
            System.exit(2);
        }
        Properties properties = new Properties();
        try (FileReader reader = new FileReader(args[0])) {
            properties.load(reader);
        }
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[1]")
                .appName("trainset-iceberg-reader-check")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.catalog." + CATALOG, "org.apache.iceberg.spark.SparkCatalog");
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("catalog.")) {
                builder.config("spark.sql.catalog." + CATALOG + "." + key.substring(8), properties.getProperty(key));
            }
        }
        SparkSession spark = builder.getOrCreate();
        try {
            String table = CATALOG + "." + properties.getProperty("table");
            ObjectMapper json = new ObjectMapper();
            ObjectNode summary = json.createObjectNode();
            summary.put("reader", "spark " + spark.version() + ", iceberg "
                    + org.apache.iceberg.IcebergBuild.version());
            Dataset<Row> current = spark.table(table);
            ArrayNode columns = summary.putArray("columns");
            for (StructField field : current.schema().fields()) {
                columns.add(field.name() + ":" + field.dataType().simpleString());
            }
            String[] wanted = properties.getProperty("columns").split(",");
            ObjectNode rows = summary.putObject("rows");
            java.util.List<Row> all = current.collectAsList();
            summary.put("rowCount", all.size());
            for (Row r : all) {
                ObjectNode row = rows.putObject(r.getAs("key").toString());
                for (String column : wanted) {
                    Object value = r.getAs(column);
                    row.put(column, value == null ? null : value.toString());
                }
            }
            Dataset<Row> earlier = spark.read()
                    .option("snapshot-id", properties.getProperty("snapshot-id"))
                    .format("iceberg")
                    .load(table);
            ArrayNode keys = summary.putArray("snapshotKeys");
            for (Row r : earlier.select("key").collectAsList()) {
                keys.add(r.getString(0));
            }
            ArrayNode sqlKeys = summary.putArray("versionAsOfKeys");
            for (Row r : spark.sql("SELECT key FROM " + table + " VERSION AS OF "
                            + Long.parseLong(properties.getProperty("snapshot-id")))
                    .collectAsList()) {
                sqlKeys.add(r.getString(0));
            }
            System.out.println("SUMMARY " + json.writeValueAsString(summary));
        } finally {
            spark.stop();
        }
    }
}
