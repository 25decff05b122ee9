package io.trainset.connect.output.iceberg;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output's table in its catalog: loaded when it exists, created at the first publish from the first file's
 * columns when it does not (several tasks may race to create it: the loser loads the winner's).
 */
final class IcebergTable {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergTable.class);

    /** Table properties with the label's class names (a Hugging Face ClassLabel) and the dataset identity. */
    static final String CLASS_NAMES = "trainset.label.class-names";

    static final String DATASET_ID = "trainset.dataset-id";

    private final Catalog catalog;
    private final IcebergSettings settings;
    private final TableIdentifier id;
    private final String dataLocation;

    IcebergTable(Catalog catalog, IcebergSettings settings, String dataLocation) {
        this.catalog = catalog;
        this.settings = settings;
        this.id = TableIdentifier.parse(settings.table());
        this.dataLocation = dataLocation;
    }

    /** The catalog the settings describe, built by Iceberg ({@code CatalogUtil.buildIcebergCatalog}). */
    static Catalog catalog(IcebergSettings settings) {
        return CatalogUtil.buildIcebergCatalog(
                settings.catalogName(), settings.catalogProperties(), new org.apache.hadoop.conf.Configuration());
    }

    /** Closes the catalog when it holds resources (a JDBC catalog's connections, a REST catalog's HTTP client). */
    void close() throws IOException {
        if (catalog instanceof Closeable closeable) {
            closeable.close();
        }
    }

    /** The table, or null when it does not exist yet; refused when another output location created it. */
    Table loadIfExists() {
        try {
            return requireOurs(catalog.loadTable(id));
        } catch (NoSuchTableException e) {
            return null;
        }
    }

    /**
     * A table a Trainset connector created records where its files go; appending another location's commits would
     * mix two datasets whose units and sequences collide (commits of one would be taken for the other's).
     */
    private Table requireOurs(Table table) {
        String created = table.properties().get(DATASET_ID);
        String data = table.properties().get(TableProperties.WRITE_DATA_LOCATION);
        if (created != null && data != null && !data.equals(dataLocation)) {
            throw new IllegalStateException("The Iceberg table " + id + " (iceberg.table) holds the commits of the "
                    + "connector writing to " + data + ", not of this one (" + dataLocation + ", from output.url): "
                    + "two connectors cannot share a table. Give this connector its own iceberg.table, or its former "
                    + "output.url");
        }
        return table;
    }

    /** The table, created from the columns of {@code file} when it does not exist. */
    Table loadOrCreate(MessageType file) {
        Table table = loadIfExists();
        if (table != null) {
            return table;
        }
        Schema schema = TableSchemas.of(file, settings.partitions());
        createNamespace(id.namespace());
        try {
            table = catalog.createTable(
                    id, schema, TableSchemas.spec(schema, settings.partitions()), null, properties());
            LOG.info(
                    "Created Iceberg table {} at {} ({} columns, partitioned by {})",
                    id,
                    table.location(),
                    schema.columns().size(),
                    settings.partitions());
        } catch (AlreadyExistsException e) {
            table = requireOurs(catalog.loadTable(id));
        }
        TableSchemas.map(table);
        return table;
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put(TableProperties.FORMAT_VERSION, String.valueOf(settings.formatVersion()));
        properties.put(TableProperties.PARQUET_COMPRESSION, settings.compression());
        properties.put(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, String.valueOf(settings.targetFileBytes()));
        properties.put(TableProperties.COMMIT_NUM_RETRIES, String.valueOf(settings.commitRetries()));
        properties.put(TableProperties.WRITE_DATA_LOCATION, dataLocation);
        // One snapshot per unit commit: without this, every commit's metadata.json stays in the table's location.
        properties.put(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true");
        properties.put(DATASET_ID, settings.datasetId());
        settings.classNames().ifPresent(names -> properties.put(CLASS_NAMES, String.join(",", names)));
        return properties;
    }

    private void createNamespace(Namespace namespace) {
        if (!namespace.isEmpty()
                && catalog instanceof SupportsNamespaces namespaces
                && !namespaces.namespaceExists(namespace)) {
            try {
                namespaces.createNamespace(namespace);
            } catch (AlreadyExistsException e) {
                LOG.debug("Namespace {} was created by another task", namespace);
            }
        }
    }
}
