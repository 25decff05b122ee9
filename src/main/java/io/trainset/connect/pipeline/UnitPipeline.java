package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.CommittedFile;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.Row;
import io.trainset.connect.dataset.RowBuilder;
import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.join.Event;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.join.SourcePosition;
import io.trainset.connect.state.OffsetLedger;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One join unit end to end: its join state, its open files and the ledger of its input offsets.
 * An input record is settled when its row is in a committed file, or at once when its outcome
 * writes nothing (a dropped timeout, an orphan, a duplicate).
 */
final class UnitPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnitPipeline.class);

    private final int unit;
    private final JoinUnit join;
    private final DatasetWriter writer;
    private final OffsetLedger ledger = new OffsetLedger();
    private final UnitCounts counts = new UnitCounts();

    UnitPipeline(int unit, JoinUnit join, Function<Consumer<CommittedFile>, DatasetWriter> writers) {
        this.unit = unit;
        this.join = join;
        this.writer = writers.apply(this::committed);
    }

    OffsetLedger ledger() {
        return ledger;
    }

    void accept(Event event, long nowMs) {
        ledger.read(event.source());
        handle(join.accept(event, nowMs));
    }

    void tick(long nowMs) {
        handle(join.expire(nowMs));
        writer.rotateDue();
    }

    private void handle(List<JoinOutcome> outcomes) {
        for (JoinOutcome outcome : outcomes) {
            count(outcome);
            if (outcome instanceof JoinOutcome.Matched matched) {
                ledger.pair(matched.submitted().source(), matched.resolved().source());
            }
            Optional<Row> row = RowBuilder.rowOf(outcome);
            if (row.isPresent()) {
                writer.write(row.get());
            } else {
                outcome.events().forEach(e -> ledger.settle(e.source()));
            }
        }
    }

    private void count(JoinOutcome outcome) {
        if (outcome instanceof JoinOutcome.Matched) {
            counts.joined++;
        } else if (outcome instanceof JoinOutcome.TimedOut timedOut) {
            if (timedOut.emit()) {
                counts.timedOutEmitted++;
            } else {
                counts.timedOutDropped++;
                writer.noteDropped(CardStats.Dropped.TIMED_OUT_DROPPED);
            }
        } else if (outcome instanceof JoinOutcome.Orphaned orphan) {
            counts.orphans++;
            writer.noteDropped(CardStats.Dropped.ORPHANED_RESOLUTIONS);
            LOG.debug("Unit {}: resolution {} for key {} found no submission in time; dropped",
                    unit, orphan.resolved().source(), orphan.resolved().key());
        } else if (outcome instanceof JoinOutcome.Duplicate duplicate) {
            counts.duplicates++;
            writer.noteDropped(CardStats.Dropped.DUPLICATES);
            LOG.debug("Unit {}: {} repeats a waiting event of key {}; dropped",
                    unit, duplicate.event().source(), duplicate.event().key());
        }
    }

    private void committed(CommittedFile file) {
        for (SourcePosition source : file.sources()) {
            ledger.settle(source);
        }
        counts.files++;
        counts.rowsCommitted += file.rows();
        LOG.info("Unit {}: committed {} ({} rows); waiting={} {}", unit, file.key(), file.rows(),
                join.waitingCount(), counts);
    }

    /** Discards open files and join state; the unit's pending records will be read again. */
    @Override
    public void close() {
        long discarded = writer.uncommittedRows();
        writer.close();
        LOG.info("Unit {} closed: discarded {} uncommitted rows and {} waiting events; {}", unit,
                discarded, join.waitingCount(), counts);
    }
}
