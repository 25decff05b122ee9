package io.trainset.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.TrainsetSinkConnector;
import io.trainset.connect.storage.S3AssumeRole;
import io.trainset.connect.storage.S3Settings;
import io.trainset.connect.storage.S3Transport;
import io.trainset.connect.storage.S3WriteOptions;
import io.trainset.connect.storage.S3WriteOptions.Encryption;
import io.trainset.connect.storage.S3WriteOptions.UploadChecksum;
import io.trainset.connect.testing.ConnectorProps;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The s3 keys of roles, encryption, checksums, trusted CAs and proxies: definitions, parsing, cross-key rules. */
class S3SecurityKeysTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/trainset-writer";
    private static final List<String> KEYS = Stream.of(S3RoleConfig.KEYS, S3WriteConfig.KEYS, S3TransportConfig.KEYS)
            .flatMap(List::stream)
            .toList();

    @Test
    void everyKeyIsDefinedInTheS3GroupWithADocAndADisplayNameAndSecretsArePasswords() {
        Map<String, ConfigDef.ConfigKey> keys = TrainsetSinkConfig.CONFIG_DEF.configKeys();
        assertThat(KEYS).allSatisfy(name -> {
            ConfigDef.ConfigKey key = keys.get(name);
            assertThat(key.group).isEqualTo(S3Config.GROUP);
            assertThat(key.documentation).isNotBlank();
            assertThat(key.displayName).isNotBlank();
            assertThat(key.hasDefault()).isTrue();
            assertThat(DatasetIdentity.OPERATIONAL).contains(name);
        });
        assertThat(KEYS.stream().filter(name -> keys.get(name).type == ConfigDef.Type.PASSWORD))
                .containsExactlyInAnyOrder(
                        "s3.assume.role.external.id", "s3.ssl.truststore.password", "s3.proxy.password");
    }

    @Test
    void defaultsKeepTodaysBehaviour() {
        S3Settings s3 = new TrainsetSinkConfig(ConnectorProps.of()).s3Settings();

        assertThat(s3.assumeRole()).isEmpty();
        assertThat(s3.writes()).isEqualTo(S3WriteOptions.DEFAULTS);
        assertThat(s3.transport()).isEqualTo(S3Transport.DIRECT);
    }

    @Test
    void theKeysAreParsedOnceIntoTheStorageSettings() {
        S3Settings s3 = new TrainsetSinkConfig(ConnectorProps.of(
                        "s3.assume.role.arn",
                        ROLE,
                        "s3.assume.role.external.id",
                        "ext-42",
                        "s3.assume.role.session.name",
                        "support-routing",
                        "s3.assume.role.duration.seconds",
                        "1800",
                        "s3.sts.endpoint",
                        "https://sts.eu-west-1.amazonaws.com",
                        "s3.sts.region",
                        "eu-west-1",
                        "s3.sse",
                        "SSE_KMS",
                        "s3.sse.kms.key.id",
                        "alias/datasets",
                        "s3.sse.bucket.key.enabled",
                        "true",
                        "s3.storage.class",
                        "standard_ia",
                        "s3.checksum.algorithm",
                        "crc32c",
                        "s3.ssl.truststore.path",
                        "/etc/trainset/trust.p12",
                        "s3.ssl.truststore.password",
                        "changeit",
                        "s3.proxy.url",
                        "http://proxy.corp:3128",
                        "s3.proxy.username",
                        "svc",
                        "s3.proxy.password",
                        "pw"))
                .s3Settings();

        assertThat(s3.assumeRole())
                .contains(new S3AssumeRole(
                        ROLE,
                        Optional.of("ext-42"),
                        "support-routing",
                        Duration.ofSeconds(1800),
                        Optional.of(URI.create("https://sts.eu-west-1.amazonaws.com")),
                        Optional.of("eu-west-1")));
        assertThat(s3.writes())
                .isEqualTo(new S3WriteOptions(
                        Encryption.SSE_KMS,
                        Optional.of("alias/datasets"),
                        true,
                        Optional.of("STANDARD_IA"),
                        UploadChecksum.CRC32C));
        assertThat(s3.transport())
                .isEqualTo(new S3Transport(
                        Optional.empty(),
                        Optional.of(Path.of("/etc/trainset/trust.p12")),
                        Optional.of("changeit"),
                        Optional.of(URI.create("http://proxy.corp:3128")),
                        Optional.of("svc"),
                        Optional.of("pw")));
        assertThat(s3.toString())
                .doesNotContain("ext-42", "changeit", "=pw", " pw")
                .contains("externalId=[hidden]", "password [hidden]");
    }

    @Test
    void singleKeyValidatorsNameTheFix() {
        assertThatThrownBy(() -> new TrainsetSinkConfig(ConnectorProps.of("s3.assume.role.arn", "trainset-writer")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.assume.role.arn")
                .hasMessageContaining("arn:aws:iam::123456789012:role/trainset-writer");
        assertThatThrownBy(() -> new TrainsetSinkConfig(ConnectorProps.of("s3.assume.role.duration.seconds", "60")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least 900");
        assertThatThrownBy(() -> new TrainsetSinkConfig(ConnectorProps.of("s3.sse", "aes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Use one of none, sse_s3, sse_kms");
        assertThatThrownBy(() -> new TrainsetSinkConfig(ConnectorProps.of("s3.checksum.algorithm", "md5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Use one of sdk_default, crc32c, crc32, sha256, when_required");
        assertThatThrownBy(() -> new TrainsetSinkConfig(ConnectorProps.of("s3.proxy.url", "proxy:3128")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.proxy.url");
    }

    @Test
    void theExternalIdAndSessionNameFollowStsRulesAndTheExternalIdStaysHidden() {
        for (String id : List.of("x", "has space-secret", "a".repeat(1225))) {
            assertThatThrownBy(() -> new TrainsetSinkConfig(
                            ConnectorProps.of("s3.assume.role.arn", ROLE, "s3.assume.role.external.id", id)))
                    .as(id)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("s3.assume.role.external.id")
                    .hasMessageContaining("2 to 1224")
                    .hasMessageNotContaining("secret")
                    .hasMessageNotContaining("aaaa");
        }
        assertThat(new TrainsetSinkConfig(ConnectorProps.of(
                                "s3.assume.role.arn", ROLE, "s3.assume.role.external.id", "Tenant:42/a=b,c.d@e_f+g-h"))
                        .s3Settings()
                        .assumeRole()
                        .orElseThrow()
                        .externalId())
                .contains("Tenant:42/a=b,c.d@e_f+g-h");
        for (String session : List.of("x", "has space", "a".repeat(65), "colon:no")) {
            assertThatThrownBy(() -> new TrainsetSinkConfig(
                            ConnectorProps.of("s3.assume.role.arn", ROLE, "s3.assume.role.session.name", session)))
                    .as(session)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("s3.assume.role.session.name")
                    .hasMessageContaining("2 to 64");
        }
    }

    @Test
    void archiveStorageClassesAreRefusedBecauseReadersCouldNotReadTheFiles() {
        for (String storageClass : List.of("GLACIER", "deep_archive", " Glacier ")) {
            assertThatThrownBy(() -> new TrainsetSinkConfig(ConnectorProps.of("s3.storage.class", storageClass)))
                    .as(storageClass)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("s3.storage.class")
                    .hasMessageContaining("cannot be read without a restore");
        }
        assertThatThrownBy(() -> new TrainsetSinkConfig(ConnectorProps.of("s3.storage.class", "standard-ia")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("e.g. 'STANDARD_IA'");
        assertThat(new TrainsetSinkConfig(ConnectorProps.of("s3.storage.class", "glacier_ir"))
                        .s3Settings()
                        .writes()
                        .storageClass())
                .contains("GLACIER_IR");
    }

    @Test
    void theStsEndpointMustBeHttpsExceptOnALoopbackHost() {
        for (String url : List.of("http://sts.internal", "http://10.0.0.7:8080", "http://127.example.com")) {
            assertThatThrownBy(() -> new TrainsetSinkConfig(
                            ConnectorProps.of("s3.assume.role.arn", ROLE, "s3.sts.endpoint", url)))
                    .as(url)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("s3.sts.endpoint")
                    .hasMessageContaining("secret access key and token")
                    .hasMessageContaining("give an https URL");
        }
        for (String url : List.of(
                "https://sts.internal",
                "http://127.0.0.1:4566",
                "http://127.8.9.10",
                "http://localhost:4566",
                "http://[::1]:4566")) {
            assertThat(new TrainsetSinkConfig(ConnectorProps.of("s3.assume.role.arn", ROLE, "s3.sts.endpoint", url))
                            .s3Settings()
                            .assumeRole()
                            .orElseThrow()
                            .stsEndpoint())
                    .as(url)
                    .contains(URI.create(url));
        }
    }

    @Test
    void crossKeyRulesAreReportedOnEveryKeyInvolved() {
        Map<String, List<String>> errors = TrainsetSinkConfig.validate(ConnectorProps.of(
                "s3.sts.endpoint",
                "https://sts.internal",
                "s3.assume.role.external.id",
                "ext",
                "s3.sse.kms.key.id",
                "alias/x",
                "s3.sse",
                "sse_s3",
                "s3.ssl.ca.bundle.path",
                "/a.pem",
                "s3.ssl.truststore.path",
                "/t.p12",
                "s3.proxy.username",
                "svc"));

        assertThat(errors.keySet())
                .containsExactlyInAnyOrder(
                        "s3.sts.endpoint",
                        "s3.assume.role.external.id",
                        "s3.assume.role.arn",
                        "s3.sse.kms.key.id",
                        "s3.sse",
                        "s3.ssl.ca.bundle.path",
                        "s3.ssl.truststore.path",
                        "s3.proxy.username",
                        "s3.proxy.password",
                        "s3.proxy.url");
        assertThat(errors.get("s3.assume.role.arn"))
                .containsExactly(
                        "s3.assume.role.external.id applies to an assumed role only: set s3.assume.role.arn, or remove "
                                + "s3.assume.role.external.id.",
                        "s3.sts.endpoint applies to an assumed role only: set s3.assume.role.arn, or remove s3.sts.endpoint.");
        assertThat(errors.get("s3.sse"))
                .containsExactly(
                        "s3.sse.kms.key.id needs s3.sse=sse_kms: set s3.sse=sse_kms, or remove s3.sse.kms.key.id.");
        assertThat(errors.get("s3.ssl.truststore.path"))
                .containsExactly("Give the trusted CAs once: either "
                        + "s3.ssl.ca.bundle.path (PEM) or s3.ssl.truststore.path (PKCS12/JKS), not both.");
        assertThat(errors.get("s3.proxy.url"))
                .containsExactly("Proxy credentials need the proxy: set s3.proxy.url (e.g. 'http://proxy.corp:3128').");
    }

    @Test
    void theRestValidateAnswerCarriesTheRulesAndHidesTheSecrets() {
        Map<String, String> props = ConnectorProps.of(
                "s3.assume.role.external.id",
                "very-secret-external-id",
                "s3.proxy.password",
                "very-secret-proxy-password",
                "s3.ssl.truststore.password",
                "very-secret-store");
        List<ConfigValue> values = new TrainsetSinkConnector().validate(props).configValues();

        Map<String, List<String>> errors = values.stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
        assertThat(errors)
                .containsOnlyKeys(
                        "s3.assume.role.external.id",
                        "s3.assume.role.arn",
                        "s3.proxy.password",
                        "s3.proxy.username",
                        "s3.proxy.url",
                        "s3.ssl.truststore.password",
                        "s3.ssl.truststore.path");
        assertThat(values.toString()).doesNotContain("very-secret");
    }

    @Test
    void aGoodConfigurationHasNoRuleErrors() {
        assertThat(TrainsetSinkConfig.validate(ConnectorProps.of(
                        "s3.assume.role.arn",
                        ROLE,
                        "s3.sts.region",
                        "eu-west-1",
                        "s3.sse",
                        "sse_kms",
                        "s3.sse.bucket.key.enabled",
                        "true",
                        "s3.ssl.ca.bundle.path",
                        "/ca.pem",
                        "s3.proxy.url",
                        "http://proxy:3128",
                        "s3.proxy.username",
                        "u",
                        "s3.proxy.password",
                        "p")))
                .isEmpty();
    }
}
