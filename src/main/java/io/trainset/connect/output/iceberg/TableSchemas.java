package io.trainset.connect.output.iceberg;

import io.trainset.connect.model.PathLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.types.Types;
import org.apache.parquet.schema.MessageType;

/**
 * The table's columns from the data files' Parquet schemas. Trainset's files carry no Iceberg field ids; the table's
 * name mapping ({@code schema.name-mapping.default}) maps their columns by name to the table's ids, as for any
 * imported file, so every Iceberg reader reads them. A new column in a file (a feature that appears midway) is added
 * to the table as a nullable column ({@code UpdateSchema.unionByNameWith}) before the file is appended; a type the
 * table's column cannot be promoted to fails the publish (the column type guard keeps the files' types stable).
 */
final class TableSchemas {

    static final int ATTEMPTS = 10;

    private TableSchemas() {}

    /** A file's columns as an Iceberg schema (fresh ids), with the partition levels as string columns if missing. */
    static Schema of(MessageType file, List<PathLevel> partitions) {
        Schema columns = ParquetSchemaUtil.convert(ParquetSchemaUtil.addFallbackIds(file));
        List<Types.NestedField> fields = new ArrayList<>(columns.columns());
        int next = columns.highestFieldId();
        for (PathLevel level : partitions) {
            if (columns.findField(level.levelName()) == null) {
                fields.add(Types.NestedField.optional(++next, level.levelName(), Types.StringType.get()));
            }
        }
        return new Schema(fields);
    }

    /** Identity partitions on the path levels, outermost first. */
    static PartitionSpec spec(Schema schema, List<PathLevel> partitions) {
        PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
        partitions.forEach(level -> spec.identity(level.levelName()));
        return spec.build();
    }

    /**
     * Adds the file's new columns to the table, then brings the name mapping up to date; no commit if neither changes.
     * A schema update is not retried by Iceberg: when another unit's append (or a task adding the same column) wins
     * the race, the table is refreshed and the missing columns computed again, up to {@link #ATTEMPTS} times.
     */
    static void evolve(Table table, MessageType file, List<PathLevel> partitions) {
        Schema wanted = of(file, partitions);
        for (int attempt = 1; ; attempt++) {
            try {
                if (wanted.columns().stream().anyMatch(c -> table.schema().findField(c.name()) == null)) {
                    table.updateSchema().unionByNameWith(wanted).commit();
                }
                map(table);
                return;
            } catch (CommitFailedException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                table.refresh();
            }
        }
    }

    /** Sets the table's name mapping to its current schema's, if it is not that already. */
    static void map(Table table) {
        String mapping = NameMappingParser.toJson(MappingUtil.create(table.schema()));
        if (!mapping.equals(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING))) {
            table.updateProperties()
                    .set(TableProperties.DEFAULT_NAME_MAPPING, mapping)
                    .commit();
        }
    }

    static NameMapping mapping(Table table) {
        String json = table.properties().get(TableProperties.DEFAULT_NAME_MAPPING);
        return json == null ? MappingUtil.create(table.schema()) : NameMappingParser.fromJson(json);
    }
}
