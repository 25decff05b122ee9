package io.trainset.connect.output.iceberg;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * A staged Parquet file as a table's {@link DataFile}: its location and size, its column metrics from its footer
 * (mapped to field ids by the table's name mapping) and its partition, the Hive levels of its key.
 */
final class TableFiles {

    private final Table table;
    private final FileIO io;
    private final NameMapping mapping;
    private final MetricsConfig metrics;
    private final List<String> partitionColumns;

    TableFiles(Table table, FileIO io, NameMapping mapping) {
        this.table = table;
        this.io = io;
        this.mapping = mapping;
        this.metrics = MetricsConfig.forTable(table);
        this.partitionColumns = partitionColumns(table);
    }

    DataFile dataFile(String path, String fileKey, ParquetMetadata footer) {
        Metrics fileMetrics = ParquetUtil.footerMetrics(footer, Stream.empty(), metrics, mapping);
        long bytes = io.newInputFile(path).getLength();
        return DataFiles.builder(table.spec())
                .withPath(path)
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(bytes)
                .withMetrics(fileMetrics)
                .withPartitionValues(partitionValues(fileKey, partitionColumns))
                .build();
    }

    /**
     * The source columns of the table's partition fields, in the spec's order; each must be an identity partition on
     * one of the file keys' path levels (a table the connector created is; one created by hand may not be).
     */
    static List<String> partitionColumns(Table table) {
        List<String> columns = new ArrayList<>();
        for (PartitionField field : table.spec().fields()) {
            String column = table.schema().findColumnName(field.sourceId());
            if (!field.transform().isIdentity()) {
                throw new IllegalArgumentException("The Iceberg table " + table.name() + " is partitioned by "
                        + field.transform() + "(" + column + "), but Trainset appends files to identity partitions on "
                        + "its path levels only: partition the table by identity(...) of the levels "
                        + "layout.partitions lists, or let the connector create the table");
            }
            columns.add(column);
        }
        return columns;
    }

    /** The values of the partition columns in a file key's Hive directories ({@code name=value/}), in their order. */
    static List<String> partitionValues(String fileKey, List<String> columns) {
        Map<String, String> levels = new HashMap<>();
        String[] parts = fileKey.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0) {
                levels.put(parts[i].substring(0, equals), unescape(parts[i].substring(equals + 1)));
            }
        }
        List<String> values = new ArrayList<>();
        for (String column : columns) {
            String value = levels.get(column);
            if (value == null) {
                throw new IllegalArgumentException("The data file " + fileKey + " has no '" + column
                        + "=' directory, which the table's partition needs: layout.partitions must list the table's "
                        + "partition columns " + columns);
            }
            values.add(value);
        }
        return values;
    }

    /** Hive's percent-escaping undone ('+' stays a plus: Hive escapes no space). */
    private static String unescape(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
