package io.trainset.connect.config;

import io.trainset.connect.model.Policies;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.storage.ObjectStores;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The Output group: where the dataset is written, when a file is closed, and how Parquet encodes it. Its keys, their
 * definitions and their typed values (this record); the rules across them are {@link OutputRules}.
 *
 * @param url            the output location, {@code s3://bucket/prefix} or {@code file:///absolute/dir}
 * @param format         Hive-layout Parquet files or an Iceberg table (docs/iceberg.md)
 * @param flushSize      rows after which an open file is closed and uploaded
 * @param rotateInterval wall-clock time after which an open file is closed and uploaded
 * @param rotateInactivity how long none of a unit's open files gets a row before the unit finishes them; zero: never
 * @param parquet        codec, row group and page sizes
 * @param uploadThreads  uploads of finished files and checkpoint chunks a task runs at once
 */
public record OutputConfig(
        URI url,
        Format format,
        int flushSize,
        Duration rotateInterval,
        Duration rotateInactivity,
        ParquetSettings parquet,
        int uploadThreads) {

    /** What the files become: Hive-layout Parquet beside a dataset card, or an Iceberg table's data files. */
    public enum Format {
        HIVE,
        ICEBERG
    }

    public static final String GROUP = "Output";

    public static final String OUTPUT_URL = "output.url";
    public static final String OUTPUT_FORMAT = "output.format";
    public static final String FLUSH_SIZE = "flush.size";
    public static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
    public static final String ROTATE_INACTIVITY_MS = "rotate.inactivity.ms";
    public static final String PARQUET_COMPRESSION = "parquet.compression";
    public static final String PARQUET_ROW_GROUP_BYTES = "parquet.row.group.bytes";
    public static final String PARQUET_PAGE_BYTES = "parquet.page.bytes";
    public static final String OUTPUT_UPLOAD_THREADS = "output.upload.threads";

    static final String DEFAULT_OUTPUT_URL = "file:///tmp/trainset";
    /**
     * Above a live stream's gaps between batches (the consumer's fetch.max.wait.ms, 500 ms, a GC pause), so that
     * flowing rows do not look stopped; short enough that a burst's last rows land about 2 s after it ends.
     */
    static final long DEFAULT_ROTATE_INACTIVITY_MS = 2_000;

    private static final List<String> COMPRESSIONS = List.of("snappy", "zstd", "gzip", "uncompressed");

    static void define(ConfigDef def) {
        new GroupKeys(def, GROUP)
                .define(
                        OUTPUT_URL,
                        Type.STRING,
                        DEFAULT_OUTPUT_URL,
                        Validators.named("s3://bucket/prefix or file:///absolute/dir", OutputConfig::location),
                        Importance.HIGH,
                        "Where the dataset is written: 's3://bucket/prefix' (AWS S3 or any S3-compatible store, see "
                                + "the s3.* keys) or 'file:///absolute/dir' (a local directory, for local runs). No "
                                + "credentials in it: a URL with user info ('key:secret@') is rejected; use "
                                + "s3.access.key.id and s3.secret.access.key.",
                        Width.LONG,
                        "Output location")
                .define(
                        OUTPUT_FORMAT,
                        Type.STRING,
                        "hive",
                        Validators.oneOf(Format.class),
                        Importance.HIGH,
                        "What the data files become: 'hive' (Parquet files in Hive path levels under output.url, "
                                + "with a dataset card) or 'iceberg' (the data files of an Iceberg table, see the "
                                + "iceberg.* keys and docs/iceberg.md; they are written under output.url/data/).",
                        Width.SHORT,
                        "Output format")
                .define(
                        FLUSH_SIZE,
                        Type.INT,
                        10_000,
                        ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM,
                        "Rows after which an open file is closed and uploaded.",
                        Width.SHORT,
                        "Rows per file")
                .define(
                        ROTATE_INTERVAL_MS,
                        Type.LONG,
                        10L * 60 * 1000,
                        ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM,
                        "Wall-clock time after which an open file is closed and uploaded, whatever its row count; it "
                                + "bounds how long rows wait before readers see them.",
                        Width.SHORT,
                        "File rotation interval (ms)")
                .define(
                        ROTATE_INACTIVITY_MS,
                        Type.LONG,
                        DEFAULT_ROTATE_INACTIVITY_MS,
                        ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM,
                        "When none of a unit's open files got a row for this long (its rows stopped: a backfill or "
                                + "burst ended), the unit finishes them and commits at once instead of waiting for "
                                + "rotate.interval.ms. Measured per unit, not per file (a split that gets few rows is "
                                + "not finished while the others are still written). At most one such finish per "
                                + "unit per rotate.interval.ms, so a trickle of rows gets at most twice the files "
                                + "that rotation alone would write; a unit that caught up with its inputs "
                                + "(join.idle.timeout.ms) may finish again before that. 0 turns it off. It has an effect only below "
                                + "rotate.interval.ms: a value set explicitly at or above it is rejected.",
                        Width.SHORT,
                        "File inactivity interval (ms)")
                .define(
                        PARQUET_COMPRESSION,
                        Type.STRING,
                        "snappy",
                        ConfigDef.CaseInsensitiveValidString.in(COMPRESSIONS.toArray(String[]::new)),
                        Importance.LOW,
                        "Parquet compression codec: " + String.join(", ", COMPRESSIONS) + ".",
                        Width.SHORT,
                        "Parquet compression")
                .define(
                        PARQUET_ROW_GROUP_BYTES,
                        Type.LONG,
                        64L * 1024 * 1024,
                        ConfigDef.Range.atLeast(1024 * 1024),
                        Importance.LOW,
                        "Target size of a Parquet row group (buffered in memory per open file).",
                        Width.SHORT,
                        "Parquet row group bytes")
                .define(
                        PARQUET_PAGE_BYTES,
                        Type.INT,
                        1024 * 1024,
                        ConfigDef.Range.atLeast(8 * 1024),
                        Importance.LOW,
                        "Target size of a Parquet page.",
                        Width.SHORT,
                        "Parquet page bytes")
                .define(
                        OUTPUT_UPLOAD_THREADS,
                        Type.INT,
                        4,
                        ConfigDef.Range.between(1, 32),
                        Importance.LOW,
                        "Uploads of finished files and checkpoint chunks that a task runs at once, each on a thread "
                                + "of its own (1: one at a time, in order, on the task's uploads thread), and copies "
                                + "of a commit's files to their keys when it publishes them. A commit's "
                                + "checkpoint is created only after all of its files' uploads succeeded, whatever "
                                + "this is. More overlap the round trips to S3 when a commit finishes many files; "
                                + "each upload in flight holds its file (or its current part, at most "
                                + "s3.part.size.bytes) in memory, and an S3 connection.",
                        Width.SHORT,
                        "Uploads at once per task");
    }

    static OutputConfig parse(AbstractConfig config) {
        Format format = Policies.parse(Format.class, config.getString(OUTPUT_FORMAT));
        // An Iceberg table's files are zstd unless parquet.compression says otherwise (docs/iceberg.md).
        String codec = format == Format.ICEBERG && !config.originals().containsKey(PARQUET_COMPRESSION)
                ? "zstd"
                : config.getString(PARQUET_COMPRESSION);
        return new OutputConfig(
                URI.create(config.getString(OUTPUT_URL)),
                format,
                config.getInt(FLUSH_SIZE),
                Duration.ofMillis(config.getLong(ROTATE_INTERVAL_MS)),
                Duration.ofMillis(config.getLong(ROTATE_INACTIVITY_MS)),
                new ParquetSettings(
                        CompressionCodecName.valueOf(codec.toUpperCase(Locale.ROOT)),
                        config.getLong(PARQUET_ROW_GROUP_BYTES),
                        config.getInt(PARQUET_PAGE_BYTES)),
                config.getInt(OUTPUT_UPLOAD_THREADS));
    }

    /** A valid output location; the value is echoed only once it is known to hold no user info (no '@'). */
    private static void location(String name, Object value) {
        String url = value == null ? "" : value.toString();
        Validators.rejectUserInfo(name, url, "'s3://bucket/prefix'");
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        boolean ok = switch (scheme) {
            case "s3" -> url.length() > "s3://".length() && url.startsWith("s3://");
            case "file" -> url.startsWith("file:///");
            default -> false;
        };
        if (!ok) {
            throw new ConfigException(
                    name,
                    value,
                    "Use 's3://bucket/prefix' or 'file:///absolute/dir', e.g. 's3://ml-data/support-routing'.");
        }
        try {
            ObjectStores.check(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }
}
