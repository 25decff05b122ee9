package io.trainset.connect.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * How to reach an S3-compatible service: AWS S3 itself, or MinIO, Ceph, IBM COS and the like
 * through an {@code endpoint} override.
 *
 * <p>Credentials: a static key pair when both {@code accessKeyId} and {@code secretAccessKey} are
 * given, otherwise the SDK's default chain (environment, system properties, web identity token file,
 * profile, container and instance roles); with {@code assumeRole}, those are the source credentials of
 * an STS AssumeRole whose sessions sign every request. Region: the given one; {@code us-east-1} when only an
 * endpoint override is set (most S3-compatible services ignore the region but the signature needs
 * one); otherwise the SDK's default region chain ({@code AWS_REGION}, profile, instance metadata).
 *
 * @param region          the signing region, e.g. {@code eu-west-1}
 * @param endpoint        an endpoint override, e.g. {@code http://minio:9000}
 * @param pathStyleAccess address buckets as {@code endpoint/bucket/key} (most S3-compatible services)
 * @param accessKeyId     static access key id; needs {@code secretAccessKey}
 * @param secretAccessKey static secret key; never printed
 * @param maxAttempts     attempts per request, including the first, for the SDK's retry strategy
 * @param partSizeBytes   multipart part size, at least {@link #MIN_PART_SIZE_BYTES}; objects smaller
 *                        than one part are uploaded with a single PUT
 * @param attemptTimeout  the longest one HTTP attempt of a request may take (the client's
 *                        {@code apiCallAttemptTimeout}); a timed-out attempt is retried
 * @param callTimeout     the longest a request may take with all its attempts and the backoff between
 *                        them (the client's {@code apiCallTimeout}); it wins over a longer attempt timeout
 * @param assumeRole      a role to assume through STS, or empty to sign with the source credentials
 * @param writes          encryption, storage class and checksum of every object written
 * @param transport       trusted CAs and proxy of the HTTP connections
 */
public record S3Settings(
        Optional<String> region,
        Optional<URI> endpoint,
        boolean pathStyleAccess,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        int maxAttempts,
        int partSizeBytes,
        Duration attemptTimeout,
        Duration callTimeout,
        Optional<S3AssumeRole> assumeRole,
        S3WriteOptions writes,
        S3Transport transport) {

    /** The smallest part S3 accepts in a multipart upload (all parts but the last). */
    public static final int MIN_PART_SIZE_BYTES = 5 * 1024 * 1024;
    /** The default multipart part size. */
    public static final int DEFAULT_PART_SIZE_BYTES = 8 * 1024 * 1024;
    /** The default number of attempts per request (the SDK's standard retry mode uses 3). */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The default limit of one HTTP attempt: an 8 MiB part needs a little over 1 Mbit/s. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
    /** The default limit of one request with its retries: room for a slow attempt and a second one. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(120);
    /** The region used with an endpoint override when none is configured. */
    public static final Region ENDPOINT_DEFAULT_REGION = Region.US_EAST_1;

    /** Checks the settings; every problem message names the setting and how to fix it. */
    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("S3 credentials are incomplete: give both the access"
                    + " key id and the secret access key, or neither to use the default AWS"
                    + " credentials chain");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "S3 max attempts must be at least 1 (1 = no retries)," + " got " + maxAttempts);
        }
        if (partSizeBytes < MIN_PART_SIZE_BYTES) {
            throw new IllegalArgumentException("S3 part size must be at least " + MIN_PART_SIZE_BYTES
                    + " bytes (5 MiB, the S3 minimum for multipart uploads), got " + partSizeBytes);
        }
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (attemptTimeout.isNegative()
                || attemptTimeout.isZero()
                || callTimeout.isNegative()
                || callTimeout.isZero()) {
            throw new IllegalArgumentException("S3 timeouts must be positive, got " + attemptTimeout.toMillis()
                    + " ms per attempt and " + callTimeout.toMillis() + " ms per request");
        }
        Objects.requireNonNull(assumeRole, "assumeRole");
        Objects.requireNonNull(writes, "writes");
        Objects.requireNonNull(transport, "transport");
    }

    /** Settings without a role, with the default writes and transport. */
    public S3Settings(
            Optional<String> region,
            Optional<URI> endpoint,
            boolean pathStyleAccess,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey,
            int maxAttempts,
            int partSizeBytes,
            Duration attemptTimeout,
            Duration callTimeout) {
        this(
                region,
                endpoint,
                pathStyleAccess,
                accessKeyId,
                secretAccessKey,
                maxAttempts,
                partSizeBytes,
                attemptTimeout,
                callTimeout,
                Optional.empty(),
                S3WriteOptions.DEFAULTS,
                S3Transport.DIRECT);
    }

    /** Settings with the default timeouts ({@link #DEFAULT_ATTEMPT_TIMEOUT}, {@link #DEFAULT_CALL_TIMEOUT}). */
    public S3Settings(
            Optional<String> region,
            Optional<URI> endpoint,
            boolean pathStyleAccess,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey,
            int maxAttempts,
            int partSizeBytes) {
        this(
                region,
                endpoint,
                pathStyleAccess,
                accessKeyId,
                secretAccessKey,
                maxAttempts,
                partSizeBytes,
                DEFAULT_ATTEMPT_TIMEOUT,
                DEFAULT_CALL_TIMEOUT);
    }

    /** These settings with other timeouts. */
    public S3Settings withTimeouts(Duration attempt, Duration call) {
        return new S3Settings(
                region,
                endpoint,
                pathStyleAccess,
                accessKeyId,
                secretAccessKey,
                maxAttempts,
                partSizeBytes,
                attempt,
                call,
                assumeRole,
                writes,
                transport);
    }

    /** These settings with a role to assume. */
    public S3Settings withAssumeRole(S3AssumeRole role) {
        return withSecurity(Optional.of(role), writes, transport);
    }

    /** These settings with other write options. */
    public S3Settings withWrites(S3WriteOptions options) {
        return withSecurity(assumeRole, options, transport);
    }

    /** These settings with another transport. */
    public S3Settings withTransport(S3Transport other) {
        return withSecurity(assumeRole, writes, other);
    }

    private S3Settings withSecurity(Optional<S3AssumeRole> role, S3WriteOptions options, S3Transport other) {
        return new S3Settings(
                region,
                endpoint,
                pathStyleAccess,
                accessKeyId,
                secretAccessKey,
                maxAttempts,
                partSizeBytes,
                attemptTimeout,
                callTimeout,
                role,
                options,
                other);
    }

    /** AWS S3 with the default credentials and region chains, 3 attempts, 8 MiB parts, the default timeouts. */
    public static S3Settings defaults() {
        return new S3Settings(
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_PART_SIZE_BYTES);
    }

    /**
     * The region to configure on the client, or empty to let the SDK's default region chain
     * decide.
     */
    public Optional<Region> effectiveRegion() {
        if (region.isPresent()) {
            return region.map(Region::of);
        }
        return endpoint.map(ignored -> ENDPOINT_DEFAULT_REGION);
    }

    /** Describes the settings with the secret key replaced by {@code [hidden]}. */
    @Override
    public String toString() {
        return "S3Settings[region=" + region.orElse("<default chain>")
                + ", endpoint=" + endpoint.map(URI::toString).orElse("<AWS>")
                + ", pathStyleAccess=" + pathStyleAccess
                + ", accessKeyId=" + accessKeyId.orElse("<default chain>")
                + ", secretAccessKey="
                + secretAccessKey.map(ignored -> "[hidden]").orElse("<none>")
                + ", maxAttempts=" + maxAttempts
                + ", partSizeBytes=" + partSizeBytes
                + ", attemptTimeout=" + attemptTimeout.toMillis() + " ms"
                + ", callTimeout=" + callTimeout.toMillis() + " ms"
                + assumeRole.map(role -> ", assumeRole=" + role).orElse("")
                + (writes.equals(S3WriteOptions.DEFAULTS) ? "" : ", writes=" + writes)
                + (transport.equals(S3Transport.DIRECT) ? "" : ", transport=" + transport) + "]";
    }
}
