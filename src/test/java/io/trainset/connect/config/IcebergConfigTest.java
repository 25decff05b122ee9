package io.trainset.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.PathLevel;
import io.trainset.connect.output.iceberg.IcebergSettings;
import io.trainset.connect.testing.ConnectorProps;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** output.format=iceberg: the table's settings, the catalog properties passed through, and the rules across keys. */
class IcebergConfigTest {

    private static Map<String, String> iceberg(String... more) {
        Map<String, String> props = ConnectorProps.of(
                "output.url", "s3://ml/support",
                "output.format", "iceberg",
                "layout.partitions", "split",
                "iceberg.table", "ml.tickets",
                "iceberg.catalog.name", "lake",
                "iceberg.catalog.type", "rest",
                "iceberg.catalog.uri", "http://catalog:8181",
                "s3.endpoint", "http://minio:9000",
                "s3.path.style.access", "true",
                "s3.access.key.id", "AKIA",
                "s3.secret.access.key", "wJalrXUtnFEMI");
        props.putAll(ConnectorProps.of(more));
        return props;
    }

    @Test
    void hiveIsTheDefaultAndHasNoIcebergSettings() {
        TrainsetSinkConfig config = new TrainsetSinkConfig(ConnectorProps.of("output.url", "s3://ml/support"));

        assertThat(config.icebergSettings()).isEmpty();
        assertThat(config.parquetSettings().codec()).isEqualTo(CompressionCodecName.SNAPPY);
    }

    @Test
    void theCatalogPropertiesArePassedThroughWithTheS3FileIoOfTheS3Keys() {
        TrainsetSinkConfig config = new TrainsetSinkConfig(iceberg("iceberg.catalog.s3.endpoint", "http://other:9000"));

        IcebergSettings settings = config.icebergSettings().orElseThrow();
        assertThat(settings.catalogName()).isEqualTo("lake");
        assertThat(settings.table()).isEqualTo("ml.tickets");
        assertThat(settings.formatVersion()).isEqualTo(2);
        assertThat(settings.compression()).isEqualTo("zstd");
        assertThat(config.parquetSettings().codec()).isEqualTo(CompressionCodecName.ZSTD);
        assertThat(settings.partitions()).containsExactly(PathLevel.SPLIT);
        assertThat(settings.catalogProperties())
                .containsEntry("type", "rest")
                .containsEntry("uri", "http://catalog:8181")
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("s3.endpoint", "http://other:9000")
                .containsEntry("s3.path-style-access", "true")
                .containsEntry("s3.access-key-id", "AKIA")
                .containsEntry("s3.secret-access-key", "wJalrXUtnFEMI")
                .containsEntry("http-client.type", "urlconnection")
                .doesNotContainKey("name");
        assertThat(settings.toString()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void anExplicitParquetCompressionWins() {
        TrainsetSinkConfig config = new TrainsetSinkConfig(iceberg("parquet.compression", "snappy"));

        assertThat(config.icebergSettings().orElseThrow().compression()).isEqualTo("snappy");
    }

    @Test
    void icebergNeedsATableACatalogAndTheLabelAsAColumn() {
        Map<String, String> props = iceberg();
        props.remove("iceberg.table");
        props.remove("iceberg.catalog.type");
        props.put("layout.partitions", "split,label");

        Map<String, List<String>> violations = TrainsetSinkConfig.validate(props);

        assertThat(violations.get("iceberg.table")).singleElement().asString().contains("set iceberg.table");
        assertThat(violations.get("iceberg.catalog.type"))
                .singleElement()
                .asString()
                .contains("set iceberg.catalog.type");
        assertThat(violations.get("layout.partitions"))
                .singleElement()
                .asString()
                .contains("layout.partitions=split");
        assertThat(violations.get("output.format")).hasSize(3);
        assertThat(TrainsetSinkConfig.validate(iceberg())).isEmpty();
    }
}
