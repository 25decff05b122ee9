package io.trainset.connect.dataset;

import io.trainset.connect.join.SourcePosition;
import java.util.List;

/**
 * A data file that is uploaded and visible.
 *
 * @param key the object key relative to the output location
 * @param rows rows in the file
 * @param sources the input records whose rows the file holds
 */
public record CommittedFile(String key, long rows, List<SourcePosition> sources) {

    public CommittedFile {
        sources = List.copyOf(sources);
    }
}
