package io.trainset.connect.storage;

import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials of a role assumed through STS: the SDK's {@link StsAssumeRoleCredentialsProvider}, which
 * calls AssumeRole with the source credentials and refreshes the session before it expires (from 5 minutes
 * before, by the caller that finds it due; the others keep the current session), so a multipart upload signs
 * its later parts with the new session. Owns its STS client and the source credentials: closing closes all three.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private final StsAssumeRoleCredentialsProvider provider;
    private final S3AssumeRole role;
    private final ClosingCredentials owned;

    private AssumedRoleCredentials(
            StsClient sts,
            StsAssumeRoleCredentialsProvider provider,
            S3AssumeRole role,
            AwsCredentialsProvider source) {
        this.provider = provider;
        this.role = role;
        this.owned = new ClosingCredentials(provider, closeables(provider, sts, source));
    }

    /**
     * Credentials of {@code role}, assumed with {@code source}, through STS reached like S3 (CAs, proxy). Takes
     * {@code source}: it is closed with the result, or at once if this fails.
     *
     * @throws IllegalArgumentException no STS region is configured and the SDK's chain finds none
     */
    static AssumedRoleCredentials open(S3AssumeRole role, S3Settings settings, AwsCredentialsProvider source) {
        StsClient sts;
        try {
            StsClientBuilder builder = StsClient.builder()
                    .httpClientBuilder(S3Clients.http(settings.transport()))
                    .credentialsProvider(source);
            role.stsEndpoint().ifPresent(builder::endpointOverride);
            role.stsRegion().map(Region::of).or(settings::effectiveRegion).ifPresent(builder::region);
            sts = builder.build();
        } catch (RuntimeException e) {
            ClosingCredentials.closeQuietly(source);
            throw e instanceof SdkClientException ? noRegion(role, e) : e;
        }
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(role.roleArn())
                            .roleSessionName(role.sessionName())
                            .durationSeconds((int) role.duration().toSeconds());
                    role.externalId().ifPresent(r::externalId);
                })
                .build();
        return new AssumedRoleCredentials(sts, provider, role, source);
    }

    private static IllegalArgumentException noRegion(S3AssumeRole role, RuntimeException e) {
        return new IllegalArgumentException(
                "Could not create the STS client for the role " + role.roleArn()
                        + " (s3.assume.role.arn): " + e.getMessage()
                        + ". Set s3.sts.region (or s3.region, which STS uses"
                        + " when s3.sts.region is empty), or AWS_REGION or the AWS profile's region",
                e);
    }

    private static List<AutoCloseable> closeables(
            AutoCloseable provider, AutoCloseable sts, AwsCredentialsProvider source) {
        return source instanceof AutoCloseable closeable ? List.of(provider, sts, closeable) : List.of(provider, sts);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return provider.resolveCredentials();
        } catch (SdkException e) {
            throw SdkException.builder()
                    .message("Could not assume the role " + role.roleArn()
                            + " (s3.assume.role.arn) through STS"
                            + role.stsEndpoint().map(uri -> " at " + uri).orElse("")
                            + ": " + e.getMessage()
                            + ". Check that the role's trust policy allows the source credentials"
                            + " (s3.access.key.id or the default chain) to call sts:AssumeRole, with the external id"
                            + " (s3.assume.role.external.id) it requires, and that s3.sts.endpoint and s3.sts.region are"
                            + " right")
                    .cause(e)
                    .build();
        }
    }

    @Override
    public void close() {
        owned.close();
    }

    @Override
    public String toString() {
        return "AssumedRoleCredentials[" + role + "]";
    }
}
