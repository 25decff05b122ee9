package io.trainset.connect.dataset;

import io.trainset.connect.model.SplitSpec;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns a row to a split as a pure function of a stable hash of its split key (the join key, or
 * the configured group such as the customer) and the seed: the same key always lands in the same
 * split, whatever the partition, task, restart or amount of data; so one key or group never
 * straddles two splits. A time holdout, when configured, overrides this for rows submitted after it.
 *
 * <p>The hash is the first 64 bits of SHA-256 over {@code seed, 0x00, key} (UTF-8), read as an
 * unsigned number and scaled to [0, 1); split {@code i} takes the interval of its cumulative
 * share. SHA-256 is in every JDK, identical on every platform, and uniform enough that observed
 * ratios match the configured ones within sampling error. Not thread-safe (one digest and its
 * buffers reused, so a key costs no allocation when it is ASCII).
 */
public final class SplitAssigner {

    private static final double TWO_TO_64 = 0x1p64;

    private final SplitSpec spec;
    private final double[] upperBounds;
    private final byte[] seedPrefix;
    private final long holdoutAfterMs;
    private final MessageDigest sha256;
    private final byte[] digest = new byte[32];
    private byte[] keyBytes = new byte[64];

    public SplitAssigner(SplitSpec spec) {
        this.spec = spec;
        this.upperBounds = new double[spec.ratios().size()];
        double cumulative = 0;
        for (int i = 0; i < upperBounds.length; i++) {
            cumulative += spec.ratios().get(i).share();
            upperBounds[i] = cumulative;
        }
        upperBounds[upperBounds.length - 1] = Double.POSITIVE_INFINITY; // rounding never drops a key
        byte[] seed = spec.seed().getBytes(StandardCharsets.UTF_8);
        this.seedPrefix = new byte[seed.length + 1];
        System.arraycopy(seed, 0, seedPrefix, 0, seed.length);
        this.holdoutAfterMs =
                spec.holdoutAfter().map(java.time.Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The split of a row with this split key, submitted at {@code submittedAtMs}. */
    public String splitOf(String splitKey, long submittedAtMs) {
        if (submittedAtMs > holdoutAfterMs) {
            return SplitSpec.HOLDOUT_SPLIT;
        }
        double position = positionOf(splitKey);
        for (int i = 0; i < upperBounds.length; i++) {
            if (position < upperBounds[i]) {
                return spec.ratios().get(i).name();
            }
        }
        throw new IllegalStateException("unreachable: the last bound is infinite");
    }

    /** Where the key falls in [0, 1): the first 64 bits of its salted SHA-256, unsigned. */
    double positionOf(String splitKey) {
        sha256.reset();
        sha256.update(seedPrefix);
        int length = utf8(splitKey);
        if (length >= 0) {
            sha256.update(keyBytes, 0, length);
        } else {
            sha256.update(splitKey.getBytes(StandardCharsets.UTF_8));
        }
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 digests are 32 bytes", e);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xFF);
        }
        double unsigned = (bits >>> 1) * 2.0 + (bits & 1);
        return unsigned / TWO_TO_64;
    }

    /** The key's UTF-8 bytes in {@link #keyBytes} when it is ASCII (the common case), or -1. */
    private int utf8(String key) {
        int length = key.length();
        if (keyBytes.length < length) {
            keyBytes = new byte[Math.max(length, keyBytes.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            keyBytes[i] = (byte) c;
        }
        return length;
    }
}
