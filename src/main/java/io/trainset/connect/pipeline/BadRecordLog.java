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
 */
public final class BadRecordLog {

    /** Connect's key for logging record content with errors; the connector's props carry it. */
    public static final String INCLUDE_MESSAGES = "errors.log.include.messages";
    static final long INTERVAL_MS = 60_000;
    /** Reasons remembered at most (each is a fixed text per defect and field; this only bounds memory). */
    private static final int MAX_REASONS = 1_000;
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
        return new BadRecordLog(Boolean.parseBoolean(props.getOrDefault(INCLUDE_MESSAGES, "false").trim()), clock);
    }

    /** Logs a bad record, throttled per reason. */
    public void log(BadRecordException bad) {
        String line = includeContent ? bad.getMessage() : bad.withoutContent();
        LOG.debug("{}", line);
        long now = clock.millis();
        Window window = windows.get(bad.reason());
        if (window == null) {
            if (windows.size() >= MAX_REASONS) {
                windows.clear();
            }
            window = new Window();
            windows.put(bad.reason(), window);
        } else if (now - window.loggedAtMs < INTERVAL_MS) {
            window.suppressed++;
            return;
        }
        if (window.suppressed > 0) {
            LOG.warn("{} ({} more records with this reason since {} ms ago were not logged)", line, window.suppressed,
                    now - window.loggedAtMs);
        } else {
            LOG.warn("{}", line);
        }
        window.loggedAtMs = now;
        window.suppressed = 0;
    }
}
