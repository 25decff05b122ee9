package io.trainset.connect.model;

import java.util.Locale;

/**
 * The one owner of the output location's key layout: the data files' names, and everything of Trainset's
 * own under {@link #METADATA} (dataset card, checkpoints and their chunks, staged files, ownership, the
 * conditional-create probe), a directory that Spark, Hive, pyarrow and DuckDB's Hive globbing skip because
 * its name starts with an underscore. Nothing under it ends in {@code .parquet}. The strict patterns that
 * listings are parsed with are built from these keys where they are read ({@code state/StateKeys},
 * {@code dataset/card/CardParts}).
 */
public final class DatasetKeys {

    /** The directory of everything that is not a data file. */
    public static final String METADATA = "_trainset/";

    /** The name of a data file, as the dataset card states it: the {@code index}-th file of the unit's commit. */
    public static final String DATA_FILE_NAME = "<split>-<unit>-<commit>-<index>.parquet";
    /** The suffix of every data file: globs of data files end with it. */
    public static final String DATA_FILE_SUFFIX = ".parquet";

    /** The checkpoints of every unit, a directory per unit. */
    public static final String CHECKPOINTS = METADATA + "checkpoints/";
    /** The staged files of every unit, a directory per unit. */
    public static final String PENDING = METADATA + "pending/";
    /** A checkpoint's suffix. */
    public static final String CHECKPOINT_SUFFIX = ".ckpt";
    /** A staged file's suffix. */
    public static final String STAGED_SUFFIX = ".pending";
    /** The name of a chunk of a join state, before its index. */
    public static final String CHUNK_NAME = "state-";

    /** The dataset card's parts, one per writer instance. */
    public static final String CARD_PARTS = METADATA + "parts/";
    /** The dataset card's merged view, machine-readable. */
    public static final String CARD_JSON = METADATA + "dataset.json";
    /** The dataset card's merged view, for people. */
    public static final String CARD_README = METADATA + "README.md";
    /** Who owns the output location. */
    public static final String OWNER = METADATA + "owner.json";
    /** Where the conditional-create probe writes its objects. */
    public static final String PROBES = METADATA + "probe/";

    private DatasetKeys() {}

    /**
     * The name of the {@code index}-th file of commit {@code commit} of {@code unit} in {@code split}
     * ({@link #DATA_FILE_NAME}): starting with the split, so Hugging Face {@code datasets} detects the
     * splits in a local copy; a function of the unit's history, so publishing a commit again overwrites.
     */
    public static String dataFileName(String split, int unit, long commit, int index) {
        return String.format(Locale.ROOT, "%s-%s-%08d-%d%s", split, unit(unit), commit, index, DATA_FILE_SUFFIX);
    }

    /** The checkpoint directory of {@code unit}: its checkpoints and their chunks. */
    public static String checkpointDirectory(int unit) {
        return CHECKPOINTS + unitDirectory(unit);
    }

    /** Checkpoint {@code sequence} of {@code unit}. */
    public static String checkpointKey(int unit, long sequence) {
        return checkpointDirectory(unit) + sequence(sequence) + CHECKPOINT_SUFFIX;
    }

    /** Where the chunks of the join state of commit {@code sequence} by writer instance {@code token} go. */
    public static String chunkPrefix(int unit, long sequence, String token) {
        return checkpointDirectory(unit) + sequence(sequence) + "-" + token + "/";
    }

    /** The {@code index}-th chunk under {@code prefix} ({@link #chunkPrefix}). */
    public static String chunkKey(String prefix, int index) {
        return prefix + String.format(Locale.ROOT, "%s%05d", CHUNK_NAME, index);
    }

    /** The staging directory of {@code unit}. */
    public static String pendingDirectory(int unit) {
        return PENDING + unitDirectory(unit);
    }

    /** Where the file {@code fileKey} of commit {@code commit} of {@code unit} is staged by writer instance {@code token}. */
    public static String stagedKey(int unit, long commit, String token, String fileKey) {
        return pendingDirectory(unit) + sequence(commit) + "-" + token + "/" + fileKey + STAGED_SUFFIX;
    }

    /** The prefix of the card parts of {@code unit}'s writer instances ({@code <prefix><token>.json}). */
    public static String cardPartPrefix(int unit) {
        return CARD_PARTS + "unit-" + unit(unit) + "-";
    }

    /** A unit's number as keys write it: four digits at least. */
    public static String unit(int unit) {
        return String.format(Locale.ROOT, "%04d", unit);
    }

    /** A commit sequence as the checkpoint and staging keys write it: twelve digits at least. */
    public static String sequence(long sequence) {
        return String.format(Locale.ROOT, "%012d", sequence);
    }

    private static String unitDirectory(int unit) {
        return "unit-" + unit(unit) + "/";
    }
}
