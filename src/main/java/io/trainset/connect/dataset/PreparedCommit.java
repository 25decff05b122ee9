package io.trainset.connect.dataset;

import io.trainset.connect.dataset.card.CardStats;
import java.util.List;

/**
 * What a {@link DatasetWriter} hands over for one commit: the sequence number, its finished files in
 * finishing order (their uploads submitted, not necessarily done), and the card stats to count once
 * the commit is published (those files and the events the join dropped meanwhile). The stats belong
 * to whoever holds the commit: the writer made new ones for the next commit.
 */
public record PreparedCommit(long sequence, List<StagedFile> files, CardStats card) {

    public PreparedCommit {
        files = List.copyOf(files);
    }

    /** Rows in the commit's files. */
    public long rows() {
        return files.stream().mapToLong(StagedFile::rows).sum();
    }
}
