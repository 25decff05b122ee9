package io.trainset.connect.pipeline;

import io.trainset.connect.record.BadRecordException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARN lines of bad records: the record's position, the reason and the fix, with the record's
 * content only when the connector's {@code errors.log.include.messages=true}. The first report of
 * each reason is logged; after it, at most one line per reason per {@link #INTERVAL_MS}, saying how
 * many reports of that reason were not logged since the last line. Every report is at DEBUG.
 * <p>
 * It also decides what the worker's reporter gets: Connect's {@code LogReporter} logs the exception's
 * message and stack trace, and the dead-letter queue's context headers hold them, whatever
 * {@code errors.log.include.messages} says, so without it that exception holds no content either.
 */
public final class BadRecordLog {

    /** Connect's key for logging record content with errors; the connector's props carry it. */
    public static final String INCLUDE_MESSAGES = "errors.log.include.messages";

    static final long INTERVAL_MS = 60_000;
    /** Reasons remembered at most (each is a fixed text per defect and field; this only bounds memory). */
    private static final int MAX_REASONS = 1_000;
    /** Causes of a reported exception copied at most (a chain is short; this only bounds a cyclic one). */
    private static final int MAX_CAUSES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(BadRecordLog.class);

    private final boolean includeContent;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    /** Reports of one reason: when a line was last logged, and how many were not logged since. */
    private static final class Window {
        private long loggedAtMs;
        private long suppressed;
    }

    public BadRecordLog(boolean includeContent, Clock clock) {
        this.includeContent = includeContent;
        this.clock = clock;
    }

    /** From the task's props: content only with {@code errors.log.include.messages=true}. */
    public static BadRecordLog of(Map<String, String> props, Clock clock) {
        return new BadRecordLog(
                Boolean.parseBoolean(
                        props.getOrDefault(INCLUDE_MESSAGES, "false").trim()),
                clock);
    }

    /** Whether messages may quote a record's content ({@code errors.log.include.messages=true}). */
    boolean includesContent() {
        return includeContent;
    }

    /** Logs a bad record, throttled per reason. */
    public void log(BadRecordException bad) {
        log(bad.reason(), bad.getMessage(), bad.withoutContent());
    }

    /**
     * Logs a report of {@code reason} (a fixed text, without content), throttled per reason: the line
     * {@code withContent} when content may be logged, else {@code withoutContent}.
     */
    void log(String reason, String withContent, String withoutContent) {
        String line = includeContent ? withContent : withoutContent;
        LOG.debug("{}", line);
        long now = clock.millis();
        Window window = windows.get(reason);
        if (window == null) {
            if (windows.size() >= MAX_REASONS) {
                windows.clear();
            }
            window = new Window();
            windows.put(reason, window);
        } else if (now - window.loggedAtMs < INTERVAL_MS) {
            window.suppressed++;
            return;
        }
        if (window.suppressed > 0) {
            LOG.warn(
                    "{} ({} more records with this reason since {} ms ago were not logged)",
                    line,
                    window.suppressed,
                    now - window.loggedAtMs);
        } else {
            LOG.warn("{}", line);
        }
        window.loggedAtMs = now;
        window.suppressed = 0;
    }

    /**
     * What the worker's reporter gets for a bad record: the record's exception itself when content may be
     * logged; else one with its message without content, whose causes keep their classes and stack traces
     * but not their messages (a parser's message may quote the record).
     */
    Throwable forReporter(BadRecordException bad) {
        if (includeContent) {
            return bad;
        }
        BadRecordException copy = new BadRecordException(
                bad.kind(), bad.source(), bad.reason(), "", bad.fix(), withheld(bad.getCause(), 0));
        copy.setStackTrace(bad.getStackTrace());
        return copy;
    }

    private static Throwable withheld(Throwable cause, int depth) {
        if (cause == null || depth == MAX_CAUSES) {
            return null;
        }
        Throwable copy = new WithheldCause(cause, withheld(cause.getCause(), depth + 1));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    /** A cause whose message is left out: it names the original's class only. */
    private static final class WithheldCause extends RuntimeException {
        WithheldCause(Throwable original, Throwable cause) {
            super(original.getClass().getName() + " (message left out: " + INCLUDE_MESSAGES + "=false)", cause);
        }
    }
}
