package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.testing.ConnectorProps;
import io.trainset.connect.testing.LogCapture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The storage keys: no credential in any message, and the S3 timeouts. */
class StorageConfigTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String USER_INFO_FIX = ": it contains '@'; credentials or other user info ('key:secret@')"
            + " are not accepted in a URL, and the value is not shown here in case it holds one. Give it as ";
    private static final String CREDENTIALS_FIX = ", and the credentials in s3.access.key.id and"
            + " s3.secret.access.key (a password, never shown or logged), or leave those empty for the default AWS"
            + " credentials chain (environment, profile, instance or pod role).";

    private final TrainsetSinkConnector connector = new TrainsetSinkConnector();

    private static Map<String, String> props(String... keysAndValues) {
        return ConnectorProps.of(keysAndValues);
    }

    @Test
    void credentialsInTheOutputUrlAreRejectedWithoutEchoingThemInAnyMessageOrLogLine() {
        for (String url : List.of(
                "s3://AKIAEXAMPLE:" + SECRET + "@ml-data/support",
                "s3://" + SECRET + "@ml-data",
                "file://user:" + SECRET + "@/var/lib/trainset")) {
            try (LogCapture logs = new LogCapture("")) {
                Map<String, List<String>> messages = messages(connector.validate(props("output.url", url)));

                assertThat(messages)
                        .as(url)
                        .isEqualTo(Map.of(
                                "output.url",
                                List.of("Invalid value for configuration" + " output.url" + USER_INFO_FIX
                                        + "'s3://bucket/prefix'" + CREDENTIALS_FIX)));
                assertThatThrownBy(() -> new TrainsetSinkConfig(props("output.url", url)))
                        .isInstanceOf(ConfigException.class)
                        .message()
                        .doesNotContain(SECRET);
                assertThat(logs.messages()).as(url).noneMatch(line -> line.contains(SECRET));
            }
        }
    }

    @Test
    void credentialsInTheS3EndpointAreRejectedWithoutEchoingThem() {
        Map<String, List<String>> messages = messages(connector.validate(
                props("output.url", "s3://ml-data/x", "s3.endpoint", "http://minio:" + SECRET + "@minio:9000")));

        assertThat(messages)
                .isEqualTo(Map.of(
                        "s3.endpoint",
                        List.of("Invalid value for configuration s3.endpoint" + USER_INFO_FIX + "'http(s)://host:port'"
                                + CREDENTIALS_FIX)));
    }

    @Test
    void theS3TimeoutsAreReadFromTheirKeysAndDefaultToOneAndTwoMinutes() {
        TrainsetSinkConfig defaults = new TrainsetSinkConfig(props());
        TrainsetSinkConfig set = new TrainsetSinkConfig(
                props("s3.api.call.attempt.timeout.ms", "5000", "s3.api.call.timeout.ms", "20000"));

        assertThat(defaults.s3Settings().attemptTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.s3Settings().callTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(set.s3Settings().attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(set.s3Settings().callTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(messages(connector.validate(props("s3.api.call.timeout.ms", "0"))))
                .containsOnlyKeys("s3.api.call.timeout.ms");
    }

    /** Every error message by key, for the keys that have any. */
    private static Map<String, List<String>> messages(Config config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }
}
