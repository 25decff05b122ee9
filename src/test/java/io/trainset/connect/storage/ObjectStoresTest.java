package io.trainset.connect.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.testing.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class ObjectStoresTest {

    private static final String FORMS = "expected file:///absolute/directory or s3://bucket[/prefix],"
            + " e.g. s3://my-datasets/trainset/v1 or file:///var/lib/trainset/datasets";

    @TempDir
    Path temp;

    @Test
    void fileUrlOpensALocalStoreAndCreatesTheDirectory() throws IOException {
        Path root = temp.resolve("not/yet/there");

        try (ObjectStore store = ObjectStores.open(root.toUri(), S3Settings.defaults())) {
            assertThat(store).isInstanceOf(LocalObjectStore.class);
            assertThat(root).isDirectory();
            assertThat(store.location()).isEqualTo(root.toUri().toString());
        }
    }

    @Test
    void s3UrlOpensAStoreThatWorksAgainstAnS3CompatibleEndpoint() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(temp.resolve("s3"))) {
            server.createBucket("datasets");
            S3Settings settings = new S3Settings(
                    Optional.empty(),
                    Optional.of(server.endpoint()),
                    true,
                    Optional.of(server.accessKey()),
                    Optional.of(server.secretKey()),
                    2,
                    S3Settings.DEFAULT_PART_SIZE_BYTES);

            try (ObjectStore store = ObjectStores.open(URI.create("s3://datasets/trainset/v1/"), settings)) {
                assertThat(store).isInstanceOf(S3ObjectStore.class);
                assertThat(store.location()).isEqualTo("s3://datasets/trainset/v1");
                try (ObjectOutput output = store.create("a.txt")) {
                    output.write("hello".getBytes(UTF_8));
                    output.commit();
                }
                assertThat(store.list("")).containsExactly("a.txt");
            }
            assertThat(server.bucketDirectory("datasets").resolve("trainset/v1/a.txt"))
                    .hasContent("hello");
        }
    }

    @Test
    void s3UrlWithoutPrefixAddressesTheWholeBucket() {
        try (ObjectStore store = ObjectStores.open(URI.create("s3://datasets"), localEndpoint())) {
            assertThat(store.location()).isEqualTo("s3://datasets");
        }
    }

    @Test
    void closingAnS3StoreClosesTheClientItOwns() {
        S3Client client = ObjectStores.s3Client(localEndpoint());
        new S3ObjectStore(client, "datasets", "", S3Settings.MIN_PART_SIZE_BYTES, true).close();

        // A closed client refuses requests: its connection pool, or first the timer of its timeouts, is shut.
        assertThatThrownBy(client::listBuckets)
                .isInstanceOfAny(IllegalStateException.class, RejectedExecutionException.class);
    }

    @Test
    void unsupportedSchemesAreRejectedWithTheAcceptedForms() {
        assertThatThrownBy(() -> ObjectStores.open(URI.create("gs://bucket/x"), S3Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid storage URL 'gs://bucket/x': unsupported scheme; " + FORMS);
        assertThatThrownBy(() -> ObjectStores.open(URI.create("relative/dir"), S3Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid storage URL 'relative/dir': unsupported scheme; " + FORMS);
    }

    @Test
    void fileUrlsMustBeAbsoluteAndWithoutHost() {
        assertThatThrownBy(() -> ObjectStores.open(URI.create("file:relative/dir"), S3Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid storage URL 'file:relative/dir': not an absolute file URL without"
                        + " a host (URI is not hierarchical); " + FORMS);
        assertThatThrownBy(() -> ObjectStores.open(URI.create("file://host/dir"), S3Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid storage URL 'file://host/dir': not an absolute file URL without"
                        + " a host (URI has an authority component); " + FORMS);
    }

    @Test
    void s3UrlsNeedABucketAndAPrefixInsideIt() {
        assertThatThrownBy(() -> ObjectStores.open(URI.create("s3:///prefix"), localEndpoint()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid storage URL 's3:///prefix': the bucket name is missing or has user"
                        + " info or a port; " + FORMS);
        assertThatThrownBy(() -> ObjectStores.open(URI.create("s3://b/a/../x"), localEndpoint()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid storage URL 's3://b/a/../x': bad prefix: Object key 'a/../x' has an"
                        + " empty, '.' or '..' segment: keys must stay inside the store's root, e.g."
                        + " a/b/c.parquet; " + FORMS);
        assertThatThrownBy(() -> ObjectStores.open(URI.create("s3://b/x?versionId=1"), localEndpoint()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid storage URL 's3://b/x?versionId=1': a query or fragment is not" + " allowed; "
                        + FORMS);
    }

    @Test
    void credentialsInTheUrlAreNeverEchoed() {
        assertThatThrownBy(() -> ObjectStores.open(URI.create("s3://AKID:s3cr3t@bucket/x"), localEndpoint()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid storage URL 's3://[hidden]@bucket/x': the bucket name is missing"
                        + " or has user info or a port; " + FORMS)
                .message()
                .doesNotContain("s3cr3t");
    }

    @Test
    void settingsNeverPrintTheSecret() {
        S3Settings settings = new S3Settings(
                Optional.of("eu-west-1"),
                Optional.empty(),
                false,
                Optional.of("AKID"),
                Optional.of("s3cr3t"),
                3,
                S3Settings.DEFAULT_PART_SIZE_BYTES);

        assertThat(settings.toString())
                .isEqualTo("S3Settings[region=eu-west-1, endpoint=<AWS>,"
                        + " pathStyleAccess=false, accessKeyId=AKID, secretAccessKey=[hidden], maxAttempts=3,"
                        + " partSizeBytes=8388608, attemptTimeout=60000 ms, callTimeout=120000 ms]");
    }

    @Test
    void regionDefaultsToUsEast1OnlyWithAnEndpointOverride() {
        assertThat(localEndpoint().effectiveRegion()).hasValue(Region.US_EAST_1);
        assertThat(S3Settings.defaults().effectiveRegion()).isEmpty();
        S3Settings explicit = new S3Settings(
                Optional.of("eu-central-1"),
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                3,
                S3Settings.DEFAULT_PART_SIZE_BYTES);
        assertThat(explicit.effectiveRegion()).hasValue(Region.EU_CENTRAL_1);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new S3Settings(
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        Optional.of("AKID"),
                        Optional.empty(),
                        3,
                        S3Settings.DEFAULT_PART_SIZE_BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("S3 credentials are incomplete: give both the access key id and the secret"
                        + " access key, or neither to use the default AWS credentials chain");
        assertThatThrownBy(() -> new S3Settings(
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        S3Settings.DEFAULT_PART_SIZE_BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("S3 max attempts must be at least 1 (1 = no retries), got 0");
        assertThatThrownBy(() -> new S3Settings(
                        Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(), 3, 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("S3 part size must be at least 5242880 bytes (5 MiB, the S3 minimum for"
                        + " multipart uploads), got 1024");
    }

    /** Settings for an endpoint that is never contacted: opening a store sends no request. */
    private static S3Settings localEndpoint() {
        return new S3Settings(
                Optional.empty(),
                Optional.of(URI.create("http://127.0.0.1:9")),
                true,
                Optional.of("AKID"),
                Optional.of("secret"),
                1,
                S3Settings.DEFAULT_PART_SIZE_BYTES);
    }
}
