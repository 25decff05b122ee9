package io.trainset.connect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.PartitionUtil;

/** An Iceberg table's rows as an independent reader reads them: Iceberg's Parquet reader with the table's name mapping. */
public final class IcebergRows {

    private IcebergRows() {}

    /** The table's rows by key: each row's columns by name, as Iceberg's generic reader reads them. */
    public static Map<String, Record> byKey(CloseableIterable<Record> records) {
        Map<String, Record> rows = new TreeMap<>();
        try (records) {
            for (Record record : records) {
                Record previous = rows.put((String) record.getField("key"), record.copy());
                if (previous != null) {
                    throw new AssertionError("duplicate row of key " + record.getField("key"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The current snapshot's rows by key. */
    public static Map<String, Record> read(Table table) {
        table.refresh();
        return byKey(scan(table, table.newScan()));
    }

    /** The rows of snapshot {@code snapshotId} by key (time travel). */
    public static Map<String, Record> readAt(Table table, long snapshotId) {
        return byKey(scan(table, table.newScan().useSnapshot(snapshotId)));
    }

    /**
     * A scan's rows through Iceberg's Parquet reader with the table's name mapping, as Spark, Trino and pyiceberg
     * read files without field ids ({@code IcebergGenerics} of 1.12 does not apply the mapping: docs/iceberg.md).
     */
    public static CloseableIterable<Record> scan(Table table, TableScan scan) {
        NameMapping mapping = NameMappingParser.fromJson(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING));
        Schema schema = scan.schema();
        List<CloseableIterable<Record>> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
            for (FileScanTask task : tasks) {
                Map<Integer, ?> constants = PartitionUtil.constantsMap(
                        task, (type, value) -> value instanceof CharSequence text ? text.toString() : value);
                files.add(Parquet.read(table.io().newInputFile(task.file().location()))
                        .project(schema)
                        .withNameMapping(mapping)
                        .createReaderFunc(
                                fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema, constants))
                        .build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CloseableIterable.concat(files);
    }

    public static long rowCount(CloseableIterable<Record> records) {
        long count = 0;
        try (records) {
            for (Record ignored : records) {
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }
}
