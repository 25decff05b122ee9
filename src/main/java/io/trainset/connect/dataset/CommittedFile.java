package io.trainset.connect.dataset;

import io.trainset.connect.model.SourcePosition;
import java.util.List;

/**
 * A data file that is uploaded: to its final key, or to a staging key from which its unit's commit
 * publishes it.
 *
 * @param key the final object key relative to the output location
 * @param staged where it was uploaded (equal to {@code key} without staging)
 * @param rows rows in the file
 * @param sources the input records whose rows the file holds
 */
public record CommittedFile(String key, String staged, long rows, List<SourcePosition> sources) {

    public CommittedFile {
        sources = List.copyOf(sources);
    }

    /** A file uploaded straight to its final key. */
    public CommittedFile(String key, long rows, List<SourcePosition> sources) {
        this(key, key, rows, sources);
    }
}
