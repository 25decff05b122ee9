package io.trainset.connect.testing;

import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/** A test's own client of the catalog a connector writes to, its files read from the in-process S3 server. */
public final class IcebergCatalogClient {

    private IcebergCatalogClient() {}

    /**
     * The catalog {@code name} with the connector's {@code iceberg.catalog.*} properties (without the prefix) and
     * S3FileIO on {@code s3}. A JDBC catalog keeps its tables under its name: give the connector's
     * {@code iceberg.catalog.name}.
     */
    public static Catalog reader(String name, Map<String, String> catalog, S3ProxyServer s3) {
        Map<String, String> properties = new HashMap<>(catalog);
        properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("http-client.type", "urlconnection");
        properties.put("s3.endpoint", s3.endpoint().toString());
        properties.put("s3.path-style-access", "true");
        properties.put("s3.access-key-id", s3.accessKey());
        properties.put("s3.secret-access-key", s3.secretKey());
        properties.put("client.region", "us-east-1");
        return CatalogUtil.buildIcebergCatalog(name, properties, null);
    }
}
