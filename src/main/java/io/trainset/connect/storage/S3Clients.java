package io.trainset.connect.storage;

import java.util.List;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.apache5.ProxyConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the S3 client of a store from {@link S3Settings}: HTTP transport (trusted CAs, proxy), credentials
 * (static keys, an assumed role, or the SDK's default chain), endpoint, region, path style, checksums, timeouts
 * and the SDK's standard retry strategy.
 */
final class S3Clients {

    private S3Clients() {}

    /**
     * The client; it uses but does not close {@code credentials}.
     *
     * @throws IllegalArgumentException no region is configured and the SDK's chain finds none, or the configured
     *                                  CA certificates cannot be read
     */
    static S3Client s3(
            S3Settings settings, AwsCredentialsProvider credentials, List<ExecutionInterceptor> interceptors) {
        boolean whenRequired = settings.writes().checksum() == S3WriteOptions.UploadChecksum.WHEN_REQUIRED;
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(http(settings.transport()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyleAccess())
                .requestChecksumCalculation(
                        whenRequired
                                ? RequestChecksumCalculation.WHEN_REQUIRED
                                : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(
                        whenRequired
                                ? ResponseChecksumValidation.WHEN_REQUIRED
                                : ResponseChecksumValidation.WHEN_SUPPORTED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .build())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .apiCallTimeout(settings.callTimeout())
                        .executionInterceptors(interceptors));
        settings.endpoint().ifPresent(builder::endpointOverride);
        settings.effectiveRegion().ifPresent(builder::region);
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException(
                    "Could not create the S3 client (" + e.getMessage()
                            + "): set the S3 region in the connector settings, or AWS_REGION or the AWS"
                            + " profile's region",
                    e);
        }
    }

    /**
     * The credentials of every request: a role assumed through STS, else the static key pair, else the web identity
     * token (EKS IRSA: {@code AWS_WEB_IDENTITY_TOKEN_FILE} and {@code AWS_ROLE_ARN}) exchanged through an STS
     * client reached like S3, else the SDK's default chain (environment, system properties, profile, container and
     * instance roles). What it returns may hold clients: close it with the store ({@link SdkAutoCloseable}).
     *
     * @throws IllegalArgumentException no region for STS is configured and the SDK's chain finds none
     */
    static AwsCredentialsProvider credentials(S3Settings settings) {
        AwsCredentialsProvider source = sourceCredentials(settings);
        return settings.assumeRole()
                .<AwsCredentialsProvider>map(role -> AssumedRoleCredentials.open(role, settings, source))
                .orElse(source);
    }

    /** The static key pair when configured, else the web identity token when the environment names one, else the default chain. */
    static AwsCredentialsProvider sourceCredentials(S3Settings settings) {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get(), settings.secretAccessKey().get()));
        }
        if (SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue().isPresent()
                && SdkSystemSetting.AWS_ROLE_ARN.getStringValue().isPresent()) {
            return webIdentity(settings);
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * The web identity token exchanged through STS (AssumeRoleWithWebIdentity) with the configured CAs and proxy,
     * which the default chain's own STS client would not use. The token file, role and session name are the SDK's
     * settings ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN}, {@code AWS_ROLE_SESSION_NAME}); the STS
     * endpoint is the region's, or {@code AWS_ENDPOINT_URL_STS}.
     */
    private static AwsCredentialsProvider webIdentity(S3Settings settings) {
        StsClientBuilder builder = StsClient.builder()
                .httpClientBuilder(http(settings.transport()))
                .credentialsProvider(AnonymousCredentialsProvider.create());
        settings.effectiveRegion().ifPresent(builder::region);
        StsClient sts;
        try {
            sts = builder.build();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException(
                    "Could not create the STS client for the web identity token (" + e.getMessage()
                            + "): set s3.region, or AWS_REGION",
                    e);
        }
        StsWebIdentityTokenFileCredentialsProvider provider = StsWebIdentityTokenFileCredentialsProvider.builder()
                .stsClient(sts)
                .build();
        return new ClosingCredentials(provider, List.of(provider, sts));
    }

    /**
     * The HTTP client of S3 and STS requests: Apache HttpClient 5, the configured CAs, the configured proxy or none.
     * The JVM's proxy properties ({@code http(s).proxyHost}, ...) and the environment ({@code HTTPS_PROXY}, ...)
     * are never read, which the SDK's default proxy configuration would do.
     */
    static Apache5HttpClient.Builder http(S3Transport transport) {
        Apache5HttpClient.Builder builder = Apache5HttpClient.builder();
        S3Trust.of(transport).ifPresent(builder::tlsTrustManagersProvider);
        ProxyConfiguration.Builder config =
                ProxyConfiguration.builder().useSystemPropertyValues(false).useEnvironmentVariableValues(false);
        transport.proxy().ifPresent(config::endpoint);
        transport.proxyUsername().ifPresent(config::username);
        transport.proxyPassword().ifPresent(config::password);
        return builder.proxyConfiguration(config.build());
    }
}
