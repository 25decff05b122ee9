package io.trainset.connect.pipeline;

import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.Tags;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Millis;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import java.time.Instant;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the join outcomes that the policies route to the dead-letter queue (late events, orphan
 * resolutions, timed-out submissions with policy {@code dlq}), and events whose time is implausibly far
 * ahead of the clock (always: they are bad records, also logged at WARN by {@link BadRecordLog}), to the
 * worker's reporter, with a message that names the record, what happened, and the setting that decides
 * it. The message quotes the event's key and times only with {@code errors.log.include.messages=true}:
 * the worker logs it and puts it in the dead-letter headers whatever that setting says.
 */
final class OutcomeReports {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReports.class);
    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    /** The reason far-ahead events are logged under (throttled as one). */
    private static final String AHEAD_REASON =
            "event time ahead of the worker's clock by more than join.time.max.ahead.ms";

    private static final String AHEAD_FIX = "Fix the producer's clock or time unit (a placeholder date, or micro- or "
            + "nanoseconds read as milliseconds), or raise join.time.max.ahead.ms if such times are real.";
    private static final String LATE_FIX =
            "Raise join.grace.ms to the disorder of your producers, or set " + "join.late.policy=drop or join.";
    private static final String ORPHAN_FIX =
            "Check the key and the window (join.window.*), or set " + "join.orphan.policy=drop.";

    private final JoinSettings settings;
    private final RecordErrors errors;
    private final PendingReports pending;
    private final BadRecordLog log;
    private final TaskMetrics metrics;

    /** A report's message: with the event's key and times, and without. */
    private record Message(String withContent, String withoutContent) {}

    OutcomeReports(
            JoinSettings settings, RecordErrors errors, PendingReports pending, BadRecordLog log, TaskMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.errors = errors;
        this.pending = pending;
        this.log = log;
    }

    /** True when a held event of this side may later have to be reported, so its record must be kept. */
    boolean mayReportLater(Event event) {
        return event.side() == Side.SUBMITTED
                ? settings.timedOut() == Policies.TimedOut.DLQ
                : settings.orphan() == Policies.Orphan.DLQ;
    }

    /** Reports an event whose time is implausibly far ahead of the clock (always: a bad record, logged at WARN). */
    void aheadOfClock(JoinOutcome.AheadOfClock ahead, SinkRecord original) {
        Event event = ahead.event();
        String bound = "join.time.max.ahead.ms (" + ahead.maxAheadMs() + " ms)";
        Message message = new Message(
                quoted(event) + " is " + span(Millis.plus(event.timestampMs(), -ahead.clockMs()))
                        + " ahead of the worker's clock " + Instant.ofEpochMilli(ahead.clockMs()) + ", more than "
                        + bound
                        + " allows: it was not joined and moved no watermark. " + AHEAD_FIX,
                what(event) + " has an event time ahead of the worker's clock by more than " + bound
                        + ": it was not joined and moved no watermark. " + AHEAD_FIX);
        log.log(AHEAD_REASON, message.withContent(), message.withoutContent());
        send(event, message, original, Tags.DlqReason.BAD);
    }

    /** Reports a late event (policy {@code dlq}). */
    void late(JoinOutcome.Late late, SinkRecord original) {
        Event event = late.event();
        String consequence = ", so the join may already have decided its key. " + LATE_FIX;
        sendLoggedAtDebug(
                event,
                new Message(
                        quoted(event) + " is late: it is behind its input's watermark "
                                + Instant.ofEpochMilli(late.watermarkMs()) + consequence,
                        what(event) + " is late: its event time is behind its input's watermark" + consequence),
                original,
                Tags.DlqReason.LATE);
    }

    /** Reports an orphan resolution (policy {@code dlq}). */
    void orphaned(JoinOutcome.Orphaned orphan, SinkRecord original) {
        Event event = orphan.resolved();
        sendLoggedAtDebug(
                event,
                new Message(
                        quoted(event) + " matched no submission: none has a time in ["
                                + instant(event.timestampMs(), -settings.after().toMillis()) + ", "
                                + instant(event.timestampMs(), settings.before().toMillis())
                                + "] and no later one can come. "
                                + ORPHAN_FIX,
                        what(event) + " matched no submission: none has a time from join.window.after.ms "
                                + "before its own to join.window.before.ms after it, and no later one can come. "
                                + ORPHAN_FIX),
                original,
                Tags.DlqReason.ORPHAN);
    }

    /** Reports a submission that timed out (policy {@code dlq}). */
    void timedOut(JoinOutcome.TimedOut timedOut, SinkRecord original) {
        Event event = timedOut.submitted();
        sendLoggedAtDebug(
                event,
                new Message(
                        quoted(event) + " got no resolution within join.window.after.ms (until "
                                + instant(event.timestampMs(), settings.after().toMillis())
                                + "); join.timed.out.policy=dlq.",
                        what(event)
                                + " got no resolution within join.window.after.ms; join.timed.out.policy=dlq. Widen "
                                + "join.window.after.ms if its resolutions come later, or set join.timed.out.policy=emit."),
                original,
                Tags.DlqReason.TIMED_OUT);
    }

    /** Logs a report at DEBUG (the worker logs what it reports) and sends it. */
    private void sendLoggedAtDebug(Event event, Message message, SinkRecord original, Tags.DlqReason reason) {
        LOG.debug("Reporting {}: {}", event.source(), text(message));
        send(event, message, original, reason);
    }

    /** Hands the record to the worker's reporter and counts it (a worker without one fails the task instead). */
    private void send(Event event, Message message, SinkRecord original, Tags.DlqReason reason) {
        SinkRecord record = original != null ? original : restored(event);
        pending.add(errors.report(record, new DataException(text(message))));
        metrics.increment(Metric.DLQ_RECORDS, reason);
    }

    private String text(Message message) {
        return log.includesContent() ? message.withContent() : message.withoutContent();
    }

    private static String what(Event event) {
        return (event.side() == Side.SUBMITTED ? "Submission " : "Resolution ") + event.source();
    }

    private static String quoted(Event event) {
        return what(event) + " (key " + event.key() + ", time " + Instant.ofEpochMilli(event.timestampMs()) + ")";
    }

    /**
     * The record reported for an event restored from a checkpoint, whose original the task never saw:
     * the original's topic, partition, offset and key, and as value what Trainset extracted from it
     * (the original itself is at that offset of the input topic while retention keeps it).
     */
    private static SinkRecord restored(Event event) {
        String value = "Restored from a Trainset checkpoint; the original record is " + event.source() + ". Extracted: "
                + event.payload();
        return new SinkRecord(
                event.source().topic(),
                event.source().partition(),
                Schema.STRING_SCHEMA,
                event.key(),
                Schema.STRING_SCHEMA,
                value,
                event.source().offset(),
                event.timestampMs(),
                TimestampType.CREATE_TIME);
    }

    private static Instant instant(long timestampMs, long offsetMs) {
        return Instant.ofEpochMilli(Millis.plus(timestampMs, offsetMs));
    }

    /** A span for a message: whole days when it is longer than one, else milliseconds. */
    private static String span(long ms) {
        return ms >= DAY_MS ? ms / DAY_MS + " days" : ms + " ms";
    }
}
