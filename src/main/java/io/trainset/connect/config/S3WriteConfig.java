package io.trainset.connect.config;

import static io.trainset.connect.config.S3Keys.given;
import static io.trainset.connect.config.S3Keys.matches;
import static io.trainset.connect.config.S3Keys.text;
import static io.trainset.connect.config.Validators.named;
import static io.trainset.connect.config.Validators.oneOf;

import io.trainset.connect.model.Policies;
import io.trainset.connect.storage.S3WriteOptions;
import io.trainset.connect.storage.S3WriteOptions.Encryption;
import io.trainset.connect.storage.S3WriteOptions.UploadChecksum;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The write-option keys of the S3 group ({@link S3Config}, issue 18): server-side encryption, its KMS key and bucket
 * key, the storage class and the upload checksum. Their definitions, their parsing into {@link S3WriteOptions} and the
 * rule that the KMS keys need s3.sse=sse_kms, reported on every key involved. Like every S3 key they are operational
 * ({@link DatasetIdentity}).
 */
final class S3WriteConfig {

    static final String S3_SSE = "s3.sse";
    static final String S3_SSE_KMS_KEY_ID = "s3.sse.kms.key.id";
    static final String S3_SSE_BUCKET_KEY_ENABLED = "s3.sse.bucket.key.enabled";
    static final String S3_STORAGE_CLASS = "s3.storage.class";
    static final String S3_CHECKSUM_ALGORITHM = "s3.checksum.algorithm";

    /** Every key of this class, in the order they are defined. */
    static final List<String> KEYS =
            List.of(S3_SSE, S3_SSE_KMS_KEY_ID, S3_SSE_BUCKET_KEY_ENABLED, S3_STORAGE_CLASS, S3_CHECKSUM_ALGORITHM);

    private static final Pattern STORAGE_CLASS = Pattern.compile("[A-Za-z0-9_]+");
    private static final List<String> ARCHIVE_CLASSES = List.of("GLACIER", "DEEP_ARCHIVE");

    private S3WriteConfig() {}

    /** Defines the write-option keys in the S3 group, after the keys {@code keys} defined before them. */
    static GroupKeys define(GroupKeys keys) {
        keys.define(
                S3_SSE,
                Type.STRING,
                "none",
                oneOf(Encryption.class),
                Importance.MEDIUM,
                "Server-side encryption of every object written (data files and their multipart uploads, copies, "
                        + "checkpoints, chunks, card, markers): 'none' (the bucket's default encryption applies), "
                        + "'sse_s3' (AES256, keys managed by the store), 'sse_kms' (aws:kms, with "
                        + "s3.sse.kms.key.id).",
                Width.SHORT,
                "S3 server-side encryption");
        keys.define(
                S3_SSE_KMS_KEY_ID,
                Type.STRING,
                "",
                null,
                Importance.MEDIUM,
                "With s3.sse=sse_kms: the KMS key (id, ARN or alias ARN) of every object. Empty: the account's "
                        + "AWS-managed key (aws/s3).",
                Width.LONG,
                "S3 KMS key id");
        keys.define(
                S3_SSE_BUCKET_KEY_ENABLED,
                Type.BOOLEAN,
                false,
                null,
                Importance.LOW,
                "With s3.sse=sse_kms: use an S3 Bucket Key, which cuts KMS requests (and their cost) for many "
                        + "small objects.",
                Width.SHORT,
                "S3 bucket key");
        keys.define(
                S3_STORAGE_CLASS,
                Type.STRING,
                "",
                named("empty or a storage class readable without a restore", S3WriteConfig::storageClass),
                Importance.LOW,
                "Storage class of the published data files (the copies a commit makes of staged files), e.g. "
                        + "'STANDARD_IA', 'INTELLIGENT_TIERING' (AWS) or the class names of an S3-compatible store; "
                        + "staged files, checkpoints, chunks, the card and markers keep the store's default, since a "
                        + "class's minimum duration and size would be billed for each of them. 'GLACIER' and "
                        + "'DEEP_ARCHIVE' are refused: their objects cannot be read without a restore. Empty: the "
                        + "store's default.",
                Width.SHORT,
                "S3 storage class");
        keys.define(
                S3_CHECKSUM_ALGORITHM,
                Type.STRING,
                "sdk_default",
                oneOf(UploadChecksum.class),
                Importance.LOW,
                "Checksum of every uploaded body, which the store verifies before storing it: 'sdk_default' (the "
                        + "AWS SDK's own: a CRC32 on every request that supports one), 'crc32c', 'crc32', 'sha256' "
                        + "(also stored with the object; multipart uploads carry each part's), or 'when_required' "
                        + "(only where the API requires one: for stores that reject the SDK's checksum trailers).",
                Width.SHORT,
                "S3 upload checksum");
        return keys;
    }

    static S3WriteOptions writes(AbstractConfig config) {
        return new S3WriteOptions(
                Policies.parse(Encryption.class, config.getString(S3_SSE)),
                text(config.getString(S3_SSE_KMS_KEY_ID)),
                config.getBoolean(S3_SSE_BUCKET_KEY_ENABLED),
                text(config.getString(S3_STORAGE_CLASS)).map(c -> c.toUpperCase(Locale.ROOT)),
                Policies.parse(UploadChecksum.class, config.getString(S3_CHECKSUM_ALGORITHM)));
    }

    /** The KMS keys need s3.sse=sse_kms; each violation is reported on both keys. */
    static void validate(Violations violations) {
        boolean kms = "sse_kms".equalsIgnoreCase(violations.raw(S3_SSE, "").trim());
        for (String key : List.of(S3_SSE_KMS_KEY_ID, S3_SSE_BUCKET_KEY_ENABLED)) {
            boolean set = key.equals(S3_SSE_BUCKET_KEY_ENABLED)
                    ? "true".equalsIgnoreCase(violations.raw(key, "").trim())
                    : given(violations, key);
            if (set && !kms) {
                violations.report(
                        key + " needs s3.sse=sse_kms: set s3.sse=sse_kms, or remove " + key + ".", key, S3_SSE);
            }
        }
    }

    /** A storage class name, not one whose objects need a restore before they can be read. */
    static void storageClass(String name, Object value) {
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
            return;
        }
        matches(
                name,
                value,
                STORAGE_CLASS,
                "Give a storage class, e.g. 'STANDARD_IA' or 'INTELLIGENT_TIERING', or " + "leave it empty.");
        if (ARCHIVE_CLASSES.contains(text.toUpperCase(Locale.ROOT))) {
            throw new ConfigException(
                    name,
                    value,
                    "Objects in GLACIER or DEEP_ARCHIVE cannot be read without a "
                            + "restore, and the datasets' readers need them: use 'GLACIER_IR', 'STANDARD_IA' or "
                            + "'INTELLIGENT_TIERING', or move old files to an archive class with a lifecycle rule on the "
                            + "split=*/ prefixes.");
        }
    }
}
