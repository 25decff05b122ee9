package io.trainset.connect.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The connector configuration users start from: the shipped {@code config/support-routing.json}. */
public final class ConnectorConfigs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHIPPED = Path.of("config", "support-routing.json");

    private ConnectorConfigs() {}

    /** The shipped example with {@code overrides} applied, as the JSON body of a REST call. */
    public static String supportRouting(Map<String, String> overrides) {
        try {
            Map<String, String> config =
                    new LinkedHashMap<>(JSON.readValue(SHIPPED.toFile(), new TypeReference<Map<String, String>>() {}));
            config.putAll(overrides);
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SHIPPED.toAbsolutePath(), e);
        }
    }

    /** Overrides that point the example at an in-process S3 server. */
    public static Map<String, String> s3(S3ProxyServer s3, String bucket, String prefix) {
        return Map.of(
                "output.url", "s3://" + bucket + "/" + prefix,
                "s3.endpoint", s3.endpoint().toString(),
                "s3.path.style.access", "true",
                "s3.region", S3ProxyServer.REGION.id(),
                "s3.access.key.id", s3.accessKey(),
                "s3.secret.access.key", s3.secretKey());
    }
}
