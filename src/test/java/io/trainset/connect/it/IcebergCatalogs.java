package io.trainset.connect.it;

import io.trainset.connect.testing.IcebergRestCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog the connector and the readers use: JDBC on a SQLite file, or the REST protocol against Iceberg's
 * REST catalog server (a child JVM) keeping its tables in SQLite and writing metadata through S3FileIO.
 */
record IcebergCatalogs(Map<String, String> catalog, Optional<IcebergRestCatalog> rest) implements AutoCloseable {

    static IcebergCatalogs start(Kind kind, Path dir, SupportRoutingEnvironment env) throws Exception {
        Map<String, String> jdbc = Map.of(
                "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"),
                "jdbc.schema-version", "V1",
                "warehouse", "s3://" + env.bucket + "/warehouse");
        if (kind == Kind.JDBC) {
            Map<String, String> catalog = new HashMap<>(jdbc);
            catalog.put("type", "jdbc");
            return new IcebergCatalogs(catalog, Optional.empty());
        }
        Map<String, String> backend = new HashMap<>(jdbc);
        backend.putAll(s3FileIo(env));
        backend.put("http-client.type", "apache");
        IcebergRestCatalog server = IcebergRestCatalog.start(dir, backend);
        return new IcebergCatalogs(Map.of("type", "rest", "uri", server.uri().toString()), Optional.of(server));
    }

    @Override
    public void close() throws InterruptedException {
        if (rest.isPresent()) {
            rest.get().close();
        }
    }

    /** The catalog protocols the connector and the readers speak. */
    enum Kind {
        JDBC,
        REST
    }

    /** S3FileIO on the environment's S3 server. */
    static Map<String, String> s3FileIo(SupportRoutingEnvironment env) {
        return Map.of(
                "io-impl",
                "org.apache.iceberg.aws.s3.S3FileIO",
                "s3.endpoint",
                env.s3.endpoint().toString(),
                "s3.path-style-access",
                "true",
                "s3.access-key-id",
                env.s3.accessKey(),
                "s3.secret-access-key",
                env.s3.secretKey(),
                "client.region",
                "us-east-1");
    }
}
