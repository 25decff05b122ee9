package io.trainset.connect.testing;

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
    private final AbstractAppender appender;

    /** Captures the logger of that name (a class's name: package-private classes log too). */
    public LogCapture(String loggerName) {
        this.logger = (Logger) LogManager.getLogger(loggerName);
        this.appender = new AbstractAppender("capture-" + loggerName, null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.removeAppender(appender);
        appender.stop();
    }
}
