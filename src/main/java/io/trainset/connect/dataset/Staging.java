package io.trainset.connect.dataset;

/**
 * Where a writer uploads a file before its unit's commit publishes it under its final key (see
 * docs/guarantees.md). {@link #NONE} uploads straight to the final key.
 */
@FunctionalInterface
public interface Staging {

    /** Files are uploaded to their final keys (no separate publication). */
    Staging NONE = (finalKey, commit) -> finalKey;

    /** The key to upload the file {@code finalKey} of commit {@code commit} to. */
    String stagedKey(String finalKey, long commit);
}
