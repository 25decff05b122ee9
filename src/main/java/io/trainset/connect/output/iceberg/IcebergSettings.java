package io.trainset.connect.output.iceberg;

import io.trainset.connect.model.PathLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Iceberg output needs to find or create its table (docs/iceberg.md).
 *
 * @param catalogName        the catalog's name (Iceberg's {@code CatalogUtil.buildIcebergCatalog} argument)
 * @param catalogProperties  the {@code iceberg.catalog.*} properties, passed through to Iceberg, plus the FileIO
 *                           settings derived from the s3.* keys that the user did not set
 * @param table              the table identifier, {@code namespace.table}
 * @param formatVersion      the table's format version when it is created
 * @param compression        the Parquet codec of the data files (a table property, for compactions)
 * @param targetFileBytes    the table's {@code write.target-file-size-bytes} (what a compaction aims at)
 * @param commitRetries      the table's {@code commit.retry.num-retries}: concurrent appends of other units
 * @param partitions         the identity partitions, outermost first (the Hive levels of the data files' keys)
 * @param classNames         the label's class names when known (a Hugging Face ClassLabel), as a table property
 * @param datasetId          the dataset identity digest, a table property
 */
public record IcebergSettings(
        String catalogName,
        Map<String, String> catalogProperties,
        String table,
        int formatVersion,
        String compression,
        long targetFileBytes,
        int commitRetries,
        List<PathLevel> partitions,
        Optional<List<String>> classNames,
        String datasetId) {

    public IcebergSettings {
        catalogProperties = Map.copyOf(catalogProperties);
        partitions = List.copyOf(partitions);
        classNames = classNames.map(List::copyOf);
    }

    /** The settings with the catalog properties hidden: a REST credential or a secret key is never printed. */
    @Override
    public String toString() {
        return "IcebergSettings[catalog=" + catalogName + ", properties=" + catalogProperties.keySet() + ", table="
                + table + ", formatVersion=" + formatVersion + ", compression=" + compression + ", partitions="
                + partitions + "]";
    }
}
