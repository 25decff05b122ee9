package io.trainset.connect;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The connector and task a task instance is, for the names of its JMX MBeans on workers without plugin
 * metrics. Connect gives a task no id, but runs {@code start} with its logging context
 * ({@code [connector|task-N]} in the MDC) on the thread {@code task-thread-<connector>-<N>}.
 */
record TaskIdentity(String connector, String task) {

    /** The MDC key of Connect's logging context (org.apache.kafka.connect.util.LoggingContext). */
    static final String CONNECT_CONTEXT = "connector.context";

    private static final Pattern CONTEXT = Pattern.compile("\\[(.+)\\|task-(\\d+)]\\s*");
    private static final Pattern THREAD = Pattern.compile("task-thread-(.+)-(\\d+)");
    private static final AtomicInteger UNIDENTIFIED = new AtomicInteger();

    /** This thread's task: from the logging context, else the thread's name, else the config's name. */
    static TaskIdentity current(Map<String, String> props) {
        Matcher context = CONTEXT.matcher(String.valueOf(MDC.get(CONNECT_CONTEXT)));
        if (context.matches()) {
            return new TaskIdentity(context.group(1), context.group(2));
        }
        Matcher thread = THREAD.matcher(Thread.currentThread().getName());
        if (thread.matches()) {
            return new TaskIdentity(thread.group(1), thread.group(2));
        }
        return new TaskIdentity(
                props.getOrDefault("name", "trainset"), "unidentified-" + UNIDENTIFIED.incrementAndGet());
    }

    @Override
    public String toString() {
        return "connector " + connector + " task " + task;
    }
}
