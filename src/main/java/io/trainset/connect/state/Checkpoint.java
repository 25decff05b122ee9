package io.trainset.connect.state;

import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.JoinSnapshot;
import java.util.List;
import java.util.Map;

/**
 * One commit of a join unit, the commit point of docs/guarantees.md: after it exists, its files are
 * part of the dataset, and a restored unit continues from its join state at its offsets.
 *
 * @param unit the join unit (partition N of every input topic)
 * @param sequence the commit's sequence number, 1 for the unit's first commit
 * @param nextOffsets the offset of the next record to read from each input partition that delivered
 * @param join the held join state and watermarks after the last record before those offsets
 * @param files the data files of this commit
 */
public record Checkpoint(int unit, long sequence, Map<InputPartition, Long> nextOffsets, JoinSnapshot join,
                         List<File> files) {

    public Checkpoint {
        nextOffsets = Map.copyOf(nextOffsets);
        files = List.copyOf(files);
    }

    /** A data file of the commit: its final key, where it was staged, and its rows. */
    public record File(String key, String staged, long rows) {}

    /** Rows in the commit's files. */
    public long rows() {
        return files.stream().mapToLong(File::rows).sum();
    }
}
