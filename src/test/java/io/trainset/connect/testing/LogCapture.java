package io.trainset.connect.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * The messages one logger writes while this is open (in-process workers log through the test JVM's
 * Log4j 2): what a test checks when the behaviour it proves leaves no other trace, e.g. spilling to
 * files that are unlinked at once.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> entries = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    /** Captures the logger of that name (a class's name: package-private classes log too). */
    public LogCapture(String loggerName) {
        this.logger = (Logger) LogManager.getLogger(loggerName);
        this.appender = new AbstractAppender("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String message = event.getMessage().getFormattedMessage();
                messages.add(message);
                entries.add(event.getThrown() == null ? message : message + "\n" + stackTrace(event.getThrown()));
            }
        };
        appender.start();
        logger.addAppender(appender);
    }

    /** The formatted message of each event, without any exception it carries. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /**
     * Everything logged, as a log file would show it: each message followed by its exception's stack trace with
     * the whole cause chain (every message and frame). What a "no secret in any log line" check reads.
     */
    public String text() {
        return String.join("\n", entries);
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Override
    public void close() {
        logger.removeAppender(appender);
        appender.stop();
    }
}
