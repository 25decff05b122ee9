package io.trainset.connect.config;

import io.trainset.connect.model.PathLevel;
import io.trainset.connect.output.iceberg.IcebergSettings;
import io.trainset.connect.storage.S3Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Iceberg group (docs/iceberg.md): with {@code output.format=iceberg}, the table the dataset is appended to and
 * the catalog that holds it. Every {@code iceberg.catalog.*} property but the name is passed to Iceberg's
 * {@code CatalogUtil.buildIcebergCatalog} without its prefix (type, uri, warehouse, io-impl, credentials...); with an
 * s3:// output.url, the S3FileIO properties the user did not give come from the s3.* keys. All keys are operational
 * ({@link DatasetIdentity}): they say where the rows go, not what they are.
 */
final class IcebergConfig {

    static final String GROUP = "Iceberg";

    static final String CATALOG_PREFIX = "iceberg.catalog.";
    static final String CATALOG_NAME = "iceberg.catalog.name";
    static final String CATALOG_TYPE = "iceberg.catalog.type";
    static final String CATALOG_IMPL = "iceberg.catalog.catalog-impl";
    static final String TABLE = "iceberg.table";
    static final String FORMAT_VERSION = "iceberg.format.version";
    static final String TARGET_FILE_BYTES = "iceberg.target.file.size.bytes";
    static final String COMMIT_RETRIES = "iceberg.commit.retries";

    static final List<String> KEYS = List.of(CATALOG_NAME, TABLE, FORMAT_VERSION, TARGET_FILE_BYTES, COMMIT_RETRIES);

    private IcebergConfig() {}

    static void define(ConfigDef def) {
        new GroupKeys(def, GROUP)
                .define(
                        CATALOG_NAME,
                        Type.STRING,
                        "trainset",
                        null,
                        Importance.MEDIUM,
                        "With output.format=iceberg: the catalog's name. A JDBC catalog keeps it with each table: use "
                                + "the name your readers give the catalog (Spark's spark.sql.catalog.<name>). Every "
                                + "other iceberg.catalog.* property is passed to Iceberg without the prefix, e.g. "
                                + "iceberg.catalog.type=rest|jdbc|hadoop|glue, iceberg.catalog.uri, "
                                + "iceberg.catalog.warehouse, iceberg.catalog.io-impl.",
                        Width.SHORT,
                        "Iceberg catalog name")
                .define(
                        TABLE,
                        Type.STRING,
                        "",
                        null,
                        Importance.HIGH,
                        "With output.format=iceberg: the table, 'namespace.table' (e.g. 'ml.support_tickets'); "
                                + "created at the first commit when missing, with its namespace.",
                        Width.MEDIUM,
                        "Iceberg table")
                .define(
                        FORMAT_VERSION,
                        Type.INT,
                        2,
                        ConfigDef.Range.between(1, 3),
                        Importance.LOW,
                        "Format version of a table the connector creates. 2 is read by every engine that reads "
                                + "Iceberg; 3 only by recent ones, and the connector uses none of its features.",
                        Width.SHORT,
                        "Iceberg format version")
                .define(
                        TARGET_FILE_BYTES,
                        Type.LONG,
                        512L * 1024 * 1024,
                        ConfigDef.Range.atLeast(1024 * 1024),
                        Importance.LOW,
                        "The table's write.target-file-size-bytes: the size a compaction (rewrite_data_files) "
                                + "aims at. The connector's own files are closed by flush.size and rotate.interval.ms.",
                        Width.SHORT,
                        "Iceberg target file bytes")
                .define(
                        COMMIT_RETRIES,
                        Type.INT,
                        10,
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "The table's commit.retry.num-retries when the connector creates it: how often an append "
                                + "that lost a race with another unit's (or a compaction's) commit is retried.",
                        Width.SHORT,
                        "Iceberg commit retries");
    }

    /** The table's settings, or empty when output.format is not iceberg. */
    static Optional<IcebergSettings> parse(
            AbstractConfig config, OutputConfig output, S3Settings s3, DatasetSettings dataset, String datasetId) {
        if (output.format() != OutputConfig.Format.ICEBERG) {
            return Optional.empty();
        }
        Map<String, String> properties = new HashMap<>();
        config.originalsWithPrefix(CATALOG_PREFIX).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        properties.remove("name");
        if ("s3".equalsIgnoreCase(output.url().getScheme())) {
            s3FileIo(properties, s3);
        }
        return Optional.of(new IcebergSettings(
                config.getString(CATALOG_NAME),
                properties,
                config.getString(TABLE).trim(),
                config.getInt(FORMAT_VERSION),
                output.parquet().codec().name().toLowerCase(Locale.ROOT),
                config.getLong(TARGET_FILE_BYTES),
                config.getInt(COMMIT_RETRIES),
                dataset.layout().levels(),
                dataset.labels().classNames(),
                datasetId));
    }

    /** S3FileIO for the data and metadata files, with the s3.* settings, unless the catalog properties say otherwise. */
    private static void s3FileIo(Map<String, String> properties, S3Settings s3) {
        properties.putIfAbsent("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.putIfAbsent("http-client.type", "urlconnection");
        s3.endpoint().ifPresent(e -> properties.putIfAbsent("s3.endpoint", e.toString()));
        properties.putIfAbsent("s3.path-style-access", String.valueOf(s3.pathStyleAccess()));
        s3.accessKeyId().ifPresent(k -> properties.putIfAbsent("s3.access-key-id", k));
        s3.secretAccessKey().ifPresent(k -> properties.putIfAbsent("s3.secret-access-key", k));
        s3.effectiveRegion().ifPresent(r -> properties.putIfAbsent("client.region", r.id()));
    }

    /**
     * With output.format=iceberg: a table is named, a catalog type (or implementation) is given, and the label is
     * not a path level (it is a column of the table; the path levels are its identity partitions).
     */
    static void validate(Violations violations) {
        if (!"iceberg"
                .equalsIgnoreCase(
                        violations.raw(OutputConfig.OUTPUT_FORMAT, "hive").trim())) {
            return;
        }
        if (violations.raw(TABLE, "").isBlank()) {
            violations.report(
                    "output.format=iceberg needs the table: set iceberg.table, e.g. 'ml.support_tickets'.",
                    TABLE,
                    OutputConfig.OUTPUT_FORMAT);
        }
        if (violations.raw(CATALOG_TYPE, "").isBlank()
                && violations.raw(CATALOG_IMPL, "").isBlank()) {
            violations.report(
                    "output.format=iceberg needs a catalog: set iceberg.catalog.type (rest, jdbc, hadoop or glue) "
                            + "and its properties, e.g. iceberg.catalog.uri.",
                    CATALOG_TYPE,
                    OutputConfig.OUTPUT_FORMAT);
        }
        Object levels = violations.parsedOrDefault(DatasetConfig.LAYOUT_PARTITIONS);
        if (levels != null && DatasetConfig.levels(levels).contains(PathLevel.LABEL)) {
            violations.report(
                    "output.format=iceberg keeps the label as a column and partitions by the path levels: set "
                            + "layout.partitions=split (or split,dt) without 'label'.",
                    DatasetConfig.LAYOUT_PARTITIONS,
                    OutputConfig.OUTPUT_FORMAT);
        }
    }
}
