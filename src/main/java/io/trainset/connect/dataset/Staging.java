package io.trainset.connect.dataset;

/**
 * Where a writer uploads a finished file before its unit's commit publishes it under its key (see
 * docs/guarantees.md): the output's stage step, given to the writer of one unit instance.
 */
@FunctionalInterface
public interface Staging {

    /** The key to upload the file {@code fileKey} of commit {@code commit} to. */
    String stagedKey(String fileKey, long commit);
}
