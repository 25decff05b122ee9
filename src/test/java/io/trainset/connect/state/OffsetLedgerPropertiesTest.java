package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link OffsetLedger}'s safe offsets against a reference that recomputes the cut from scratch by
 * the definition (the latest point at or before the first pending record that no pair straddles,
 * found by pulling the candidate back to a straddling pair's start until none is left), over random
 * reads, pairs and settles on three partitions.
 */
class OffsetLedgerPropertiesTest {

    private static final List<InputPartition> PARTITIONS = List.of(new InputPartition("issues", 0),
            new InputPartition("resolutions", 0), new InputPartition("other", 0));

    /** A read record: its place in the read order, partition and offset. */
    private record Read(long seq, InputPartition partition, long offset) {
        SourcePosition position() {
            return new SourcePosition(partition.topic(), partition.partition(), offset);
        }
    }

    /** A pair of read records joined by one row, by read order. */
    private record Pair(long start, long end) {}

    @Property(tries = 500)
    void safeOffsetsMatchTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int steps) {
        Random random = new Random(seed);
        OffsetLedger ledger = new OffsetLedger();
        List<Read> reads = new ArrayList<>();
        TreeSet<Long> pending = new TreeSet<>();
        List<Pair> pairs = new ArrayList<>();
        long[] nextOffset = new long[PARTITIONS.size()];
        for (int step = 0; step < steps; step++) {
            int action = random.nextInt(10);
            if (action < 5 || pending.isEmpty()) {
                int p = random.nextInt(PARTITIONS.size());
                Read read = new Read(reads.size(), PARTITIONS.get(p), nextOffset[p]++);
                reads.add(read);
                pending.add(read.seq());
                ledger.read(read.position());
            } else if (action < 7 && pending.size() >= 2) {
                Read a = reads.get(pick(pending, random).intValue());
                Read b = reads.get(pick(pending, random).intValue());
                if (a.seq() != b.seq()) {
                    pairs.add(new Pair(Math.min(a.seq(), b.seq()), Math.max(a.seq(), b.seq())));
                    ledger.pair(a.position(), b.position());
                }
            } else {
                Long seq = pick(pending, random);
                pending.remove(seq);
                ledger.settle(reads.get(seq.intValue()).position());
            }
            if (random.nextInt(4) == 0) {
                for (InputPartition partition : PARTITIONS) {
                    assertThat(ledger.safeOffset(partition)).as("step %d, %s", step, partition)
                            .isEqualTo(expected(partition, reads, pending, pairs));
                }
            }
        }
    }

    private static Long pick(TreeSet<Long> pending, Random random) {
        return new ArrayList<>(pending).get(random.nextInt(pending.size()));
    }

    private static OptionalLong expected(InputPartition partition, List<Read> reads, TreeSet<Long> pending,
                                         List<Pair> pairs) {
        long cut = pending.isEmpty() ? reads.size() : pending.first();
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Pair pair : pairs) {
                if (pair.start() < cut && cut <= pair.end()) {
                    cut = pair.start();
                    moved = true;
                }
            }
        }
        long next = -1;
        for (Read read : reads) {
            if (read.partition().equals(partition)) {
                if (read.seq() >= cut) {
                    return OptionalLong.of(read.offset());
                }
                next = read.offset() + 1;
            }
        }
        return next < 0 ? OptionalLong.empty() : OptionalLong.of(next);
    }
}
