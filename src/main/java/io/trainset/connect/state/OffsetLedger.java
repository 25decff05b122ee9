package io.trainset.connect.state;

import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.SourcePosition;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which input offsets of one join unit may be committed.
 *
 * <p>A record is pending from when it is read until its outcome is durable (its row is in an
 * uploaded file) or needs nothing more (dropped, reported). A restart re-reads every partition of
 * the unit from its committed offset, so the committed offsets must form a <em>cut</em> in the
 * order the unit read its records: everything read before the cut is settled, and no row joins a
 * record before the cut with one after it (a replay would then see one side of the pair without
 * the other and write a contradicting row, e.g. a resolved issue as timed out). The cut starts at
 * the first pending record and moves back over any such pair; each partition's safe offset is
 * that of its first record read at or after the cut, or the offset after its highest record when
 * it has none. Replaying from the cut re-reads whole pairs only: rows may repeat, never contradict.
 *
 * <p>Memory: one small entry per record read since the cut, which the oldest waiting event holds
 * back; the durable join-state checkpoint replaces this bound.
 */
public final class OffsetLedger {

    /** One record read: its place in the unit's read order and its offset. */
    private record Read(long seq, long offset) {}

    private final Map<InputPartition, ArrayDeque<Read>> sinceCut = new HashMap<>();
    private final Map<InputPartition, Long> nextOffsets = new HashMap<>();
    private final Map<SourcePosition, Long> pendingSeqs = new HashMap<>();
    private final TreeSet<Long> pending = new TreeSet<>();
    private final TreeMap<Long, Long> pairStartByEnd = new TreeMap<>();
    private long nextSeq;
    private long cut;
    /** Changes with every read, pair and settle; the cut is recomputed only when it moved on. */
    private long changes;
    private long cutAtChange = -1;

    /** Records that a record was read and is pending. */
    public void read(SourcePosition position) {
        long seq = nextSeq++;
        changes++;
        InputPartition input = InputPartition.of(position);
        sinceCut.computeIfAbsent(input, p -> new ArrayDeque<>()).addLast(new Read(seq, position.offset()));
        nextOffsets.merge(input, position.offset() + 1, Math::max);
        pendingSeqs.put(position, seq);
        pending.add(seq);
    }

    /** Records that a record was read and settled at once (e.g. reported to the dead-letter queue). */
    public void readSettled(SourcePosition position) {
        read(position);
        settle(position);
    }

    /** Records that one row joins these two pending records: a replay must re-read both or neither. */
    public void pair(SourcePosition first, SourcePosition second) {
        Long a = pendingSeqs.get(first);
        Long b = pendingSeqs.get(second);
        if (a != null && b != null) {
            pairStartByEnd.merge(Math.max(a, b), Math.min(a, b), Math::min);
            changes++;
        }
    }

    /** Records that a pending record is settled. */
    public void settle(SourcePosition position) {
        Long seq = pendingSeqs.remove(position);
        if (seq != null) {
            pending.remove(seq);
            changes++;
        }
    }

    /** The offset a consumer may commit for the partition, or empty when nothing was read from it. */
    public OptionalLong safeOffset(InputPartition input) {
        Long next = nextOffsets.get(input);
        if (next == null) {
            return OptionalLong.empty();
        }
        advanceCut();
        ArrayDeque<Read> reads = sinceCut.get(input);
        return OptionalLong.of(reads == null || reads.isEmpty() ? next : reads.peekFirst().offset());
    }

    /** Records read and not yet settled, in the whole unit. */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Moves the cut to the latest point at or before the first pending record that no pair straddles.
     * One pass over the pairs by descending end: a pair ending at or after the candidate pulls it back to
     * the pair's start; once a pair ends before the candidate, so do all the rest. Linear in the pairs
     * since the cut, and done once per change however many partitions ask.
     */
    private void advanceCut() {
        if (cutAtChange == changes) {
            return;
        }
        cutAtChange = changes;
        long candidate = pending.isEmpty() ? nextSeq : pending.first();
        for (Map.Entry<Long, Long> pair : pairStartByEnd.descendingMap().entrySet()) {
            if (pair.getKey() < candidate) {
                break;
            }
            candidate = Math.min(candidate, pair.getValue());
        }
        if (candidate > cut) {
            cut = candidate;
            forgetBefore(cut);
        }
    }

    private void forgetBefore(long seq) {
        pairStartByEnd.headMap(seq).clear();
        for (ArrayDeque<Read> reads : sinceCut.values()) {
            while (!reads.isEmpty() && reads.peekFirst().seq() < seq) {
                reads.pollFirst();
            }
        }
    }
}
