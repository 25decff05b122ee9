package io.trainset.connect.storage;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
 * its later parts with the new session. Owns its STS client: closing closes both.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private final StsClient sts;
    private final StsAssumeRoleCredentialsProvider provider;
    private final S3AssumeRole role;

    private AssumedRoleCredentials(StsClient sts, StsAssumeRoleCredentialsProvider provider, S3AssumeRole role) {
        this.sts = sts;
        this.provider = provider;
        this.role = role;
    }

    /** Credentials of {@code role}, assumed with {@code source}, through STS reached like S3 (CAs, proxy). */
    static AssumedRoleCredentials open(S3AssumeRole role, S3Settings settings, AwsCredentialsProvider source) {
        StsClientBuilder builder = StsClient.builder()
                .httpClientBuilder(S3Clients.http(settings.transport()))
                .credentialsProvider(source);
        role.stsEndpoint().ifPresent(builder::endpointOverride);
        role.stsRegion().map(Region::of).or(settings::effectiveRegion).ifPresent(builder::region);
        StsClient sts = builder.build();
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(role.roleArn()).roleSessionName(role.sessionName())
                            .durationSeconds((int) role.duration().toSeconds());
                    role.externalId().ifPresent(r::externalId);
                })
                .build();
        return new AssumedRoleCredentials(sts, provider, role);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return provider.resolveCredentials();
        } catch (SdkException e) {
            throw SdkException.builder().message("Could not assume the role " + role.roleArn()
                    + " (s3.assume.role.arn) through STS" + role.stsEndpoint().map(uri -> " at " + uri).orElse("")
                    + ": " + e.getMessage() + ". Check that the role's trust policy allows the source credentials"
                    + " (s3.access.key.id or the default chain) to call sts:AssumeRole, with the external id"
                    + " (s3.assume.role.external.id) it requires, and that s3.sts.endpoint and s3.sts.region are"
                    + " right").cause(e).build();
        }
    }

    @Override
    public void close() {
        try {
            provider.close();
        } finally {
            sts.close();
        }
    }

    @Override
    public String toString() {
        return "AssumedRoleCredentials[" + role + "]";
    }
}
