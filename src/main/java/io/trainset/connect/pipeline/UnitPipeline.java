package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.CommittedFile;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.Row;
import io.trainset.connect.dataset.RowBuilder;
import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.join.Event;
import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.join.SourcePosition;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.state.OffsetLedger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One join unit end to end: its join state, its open files, the ledger of its input offsets, and
 * the original records of held events that may end in the dead-letter queue. An input record is
 * settled when every row made from it is in a committed file, or at once when its outcome writes
 * nothing (reported, dropped, a duplicate, ignored).
 */
final class UnitPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnitPipeline.class);

    private final int unit;
    private final JoinUnit join;
    private final DatasetWriter writer;
    private final OutcomeReports reports;
    private final OffsetLedger ledger = new OffsetLedger();
    private final UnitCounts counts = new UnitCounts();
    private final Map<SourcePosition, Integer> rowsPending = new HashMap<>();
    private final Map<SourcePosition, SinkRecord> originals = new HashMap<>();

    UnitPipeline(int unit, JoinUnit join, Function<Consumer<CommittedFile>, DatasetWriter> writers,
                 OutcomeReports reports) {
        this.unit = unit;
        this.join = join;
        this.reports = reports;
        this.writer = writers.apply(this::committed);
    }

    OffsetLedger ledger() {
        return ledger;
    }

    JoinUnit join() {
        return join;
    }

    /** The inputs of this unit that run ahead of its slowest one. */
    Set<InputPartition> inputsAhead() {
        return join.inputsAhead();
    }

    void accept(Event event, SinkRecord record, long nowMs) {
        ledger.read(event.source());
        if (reports.mayReportLater(event)) {
            originals.put(event.source(), record);
        }
        handle(join.accept(event, nowMs), record);
    }

    void tick(long nowMs) {
        handle(join.expire(nowMs), null);
        writer.rotateDue();
    }

    private void handle(List<JoinOutcome> outcomes, SinkRecord current) {
        for (JoinOutcome outcome : outcomes) {
            counts.count(outcome);
            Optional<Row> row = RowBuilder.rowOf(outcome);
            if (row.isPresent()) {
                if (outcome instanceof JoinOutcome.Matched matched) {
                    ledger.pair(matched.submitted().source(), matched.resolved().source());
                }
                row.get().sources().forEach(source -> rowsPending.merge(source, 1, Integer::sum));
                writer.write(row.get());
                continue;
            }
            for (Event event : outcome.events()) {
                SinkRecord original = originals.remove(event.source());
                if (original == null && current != null
                        && EventExtractor.positionOf(current).equals(event.source())) {
                    original = current;
                }
                reports.report(outcome, event, original);
                ledger.settle(event.source());
            }
            UnitCounts.cardKind(outcome).ifPresent(writer::noteDropped);
        }
    }

    private void committed(CommittedFile file) {
        for (SourcePosition source : file.sources()) {
            if (rowsPending.merge(source, -1, Integer::sum) == 0) {
                rowsPending.remove(source);
                originals.remove(source);
                ledger.settle(source);
            }
        }
        counts.committed(file.rows());
        LOG.info("Unit {}: committed {} ({} rows); waiting={} watermark={} {}", unit, file.key(), file.rows(),
                join.waitingCount(), join.watermarkMs(), counts);
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
