package io.trainset.connect.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A role the connector assumes through STS ({@code AssumeRole}) for every S3 request, with the configured
 * static keys or the default chain's credentials as the source; the session's credentials are refreshed before
 * they expire, so long and multipart uploads go on across a rotation.
 *
 * @param roleArn     the role, e.g. {@code arn:aws:iam::123456789012:role/trainset-writer}
 * @param externalId  the external id the role's trust policy requires; never printed
 * @param sessionName the role session name (shows in CloudTrail)
 * @param duration    how long each session's credentials live (900 s to the role's maximum, at most 12 h)
 * @param stsEndpoint an STS endpoint override (a regional or VPC endpoint); empty: the region's public one
 * @param stsRegion   the STS signing region; empty: the S3 region
 */
public record S3AssumeRole(
        String roleArn,
        Optional<String> externalId,
        String sessionName,
        Duration duration,
        Optional<URI> stsEndpoint,
        Optional<String> stsRegion) {

    /** STS's shortest session. */
    public static final Duration MIN_DURATION = Duration.ofSeconds(900);
    /** STS's longest session (a role's maximum session duration may be lower). */
    public static final Duration MAX_DURATION = Duration.ofHours(12);
    /** The default role session name. */
    public static final String DEFAULT_SESSION_NAME = "trainset";

    /** Checks the role; every message names the setting and the fix. */
    public S3AssumeRole {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(stsEndpoint, "stsEndpoint");
        Objects.requireNonNull(stsRegion, "stsRegion");
        if (!roleArn.startsWith("arn:") || roleArn.split(":", -1).length < 6) {
            throw new IllegalArgumentException("s3.assume.role.arn must be a role ARN such as"
                    + " arn:aws:iam::123456789012:role/trainset-writer, got '" + roleArn + "'");
        }
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("s3.assume.role.duration.seconds must be between "
                    + MIN_DURATION.toSeconds() + " and " + MAX_DURATION.toSeconds() + ", got " + duration.toSeconds());
        }
    }

    /** Describes the role with the external id replaced by {@code [hidden]}. */
    @Override
    public String toString() {
        return "S3AssumeRole[roleArn=" + roleArn + ", externalId="
                + externalId.map(ignored -> "[hidden]").orElse("<none>") + ", sessionName=" + sessionName
                + ", duration=" + duration.toSeconds() + " s"
                + ", stsEndpoint=" + stsEndpoint.map(URI::toString).orElse("<AWS>") + ", stsRegion="
                + stsRegion.orElse("<the S3 region>") + "]";
    }
}
