package io.trainset.connect.state;

import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One commit of a join unit, the commit point of docs/guarantees.md: after it exists, its files are
 * part of the dataset, and a restored unit continues from its join state at its offsets. A
 * checkpoint is <em>full</em> (its join state is the unit's whole state) or a <em>delta</em> (only
 * the keys that changed since checkpoint {@code sequence - 1}); a delta's state is read from its
 * base, the full checkpoint it builds on, and every checkpoint between them.
 *
 * @param unit the join unit (partition N of every input topic)
 * @param sequence the commit's sequence number, 1 for the unit's first commit
 * @param base the full checkpoint this one's join state builds on: {@code sequence} itself when full
 * @param nextOffsets the offset of the next record to read from each input partition that delivered
 * @param join the held join state and watermarks after the last record before those offsets (whole
 *             when full; the changed keys when a delta)
 * @param files the data files of this commit
 * @param writer the connector that wrote it (docs/guarantees.md, <em>One connector per location</em>); empty
 *               for a checkpoint written before identities existed, or not yet stamped by its store
 */
public record Checkpoint(
        int unit,
        long sequence,
        long base,
        Map<InputPartition, Long> nextOffsets,
        JoinSnapshot join,
        List<File> files,
        Optional<OutputIdentity> writer) {

    public Checkpoint {
        if (base < 1 || base > sequence) {
            throw new IllegalArgumentException("Checkpoint " + sequence + " of unit " + unit + " cannot build on "
                    + "checkpoint " + base + ": a base is an earlier or the same checkpoint, from 1 on");
        }
        nextOffsets = Map.copyOf(nextOffsets);
        files = List.copyOf(files);
    }

    /** A checkpoint of no identity yet: {@link CheckpointStore} stamps its owner's when it creates it. */
    public Checkpoint(
            int unit,
            long sequence,
            long base,
            Map<InputPartition, Long> nextOffsets,
            JoinSnapshot join,
            List<File> files) {
        this(unit, sequence, base, nextOffsets, join, files, Optional.empty());
    }

    /** A full checkpoint: its join state is the unit's whole state. */
    public Checkpoint(
            int unit, long sequence, Map<InputPartition, Long> nextOffsets, JoinSnapshot join, List<File> files) {
        this(unit, sequence, sequence, nextOffsets, join, files);
    }

    /** A data file of the commit: its final key, where it was staged, and its rows. */
    public record File(String key, String staged, long rows) {}

    public boolean isFull() {
        return base == sequence;
    }

    /** This checkpoint with the whole join state, read from its base and the deltas up to it. */
    public Checkpoint withWholeState(JoinSnapshot whole) {
        return new Checkpoint(unit, sequence, sequence, nextOffsets, whole, files, writer);
    }

    /** This checkpoint as written by {@code identity}. */
    public Checkpoint writtenBy(OutputIdentity identity) {
        return new Checkpoint(unit, sequence, base, nextOffsets, join, files, Optional.of(identity));
    }

    /** Rows in the commit's files. */
    public long rows() {
        return files.stream().mapToLong(File::rows).sum();
    }
}
