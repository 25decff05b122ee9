package io.trainset.connect.model;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How long a label may be when it is a path level ({@code label=<escaped label>}): the level is one
 * file or directory name, at most {@link #MAX_NAME_BYTES} bytes of UTF-8 on every common file
 * system, and part of an object key, at most {@link #MAX_KEY_BYTES} bytes of UTF-8 on S3. The
 * longest level allowed is the smaller of the two: 255 bytes, or what the longest key of the rest
 * of a row's path leaves of 1,024 ({@link #of}, the rest measured by the file layout). Checked on the task thread, so that a label that
 * cannot be written is a bad record, never a failure of the writer thread. The split and date levels
 * are short by construction (split names are configured; a date is at most 16 characters).
 *
 * @param maxLevelBytes the longest {@code label=...} level, in bytes of UTF-8; 0 when the label is
 *                      not a path level (then any label fits)
 */
public record LabelPathBound(int maxLevelBytes) {

    /** The longest file or directory name (ext4, XFS, APFS, NTFS: 255 bytes or UTF-16 units). */
    public static final int MAX_NAME_BYTES = 255;
    /** The longest S3 object key. */
    public static final int MAX_KEY_BYTES = 1024;

    /** No bound: the label is not a path level. */
    public static LabelPathBound none() {
        return new LabelPathBound(0);
    }

    /**
     * The bound of a layout whose longest key, the label level left out, is {@code restOfKeyBytes}
     * bytes (store prefix, staging directories, the other levels, the file name and the separators).
     */
    public static LabelPathBound of(LayoutSpec layout, int restOfKeyBytes) {
        if (!layout.levels().contains(PathLevel.LABEL)) {
            return none();
        }
        int bound = Math.min(MAX_NAME_BYTES, MAX_KEY_BYTES - restOfKeyBytes);
        if (bound < HivePartitions.level(PathLevel.LABEL.levelName(), null).length()) {
            throw new IllegalArgumentException("the output location's key prefix leaves " + bound + " of "
                    + MAX_KEY_BYTES + " bytes for the label level of an object key: shorten the prefix in output.url");
        }
        return new LabelPathBound(bound);
    }

    /** The bytes of a label's path level, when over the bound; empty when it fits. */
    public Optional<Integer> excess(String label) {
        if (maxLevelBytes == 0) {
            return Optional.empty();
        }
        int bytes = HivePartitions.level(PathLevel.LABEL.levelName(), label).getBytes(StandardCharsets.UTF_8).length;
        return bytes <= maxLevelBytes ? Optional.empty() : Optional.of(bytes);
    }

    /** What is wrong with a label whose level is over the bound (the same words for every such label). */
    public String problem() {
        return "its label, as the path level 'label=<escaped label>', is over the " + maxLevelBytes + " bytes of "
                + "UTF-8 a level may have (a file name holds " + MAX_NAME_BYTES + " bytes; an S3 key, output prefix "
                + "included, " + MAX_KEY_BYTES + ")";
    }
}
