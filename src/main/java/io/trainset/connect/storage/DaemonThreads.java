package io.trainset.connect.storage;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code <kind>[<location>]-<n>}, for the pools that work on a store's objects. */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** A factory of daemon threads named after {@code kind} (e.g. {@code trainset-publish}) and {@code location}. */
    public static ThreadFactory named(String kind, String location) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, kind + "[" + location + "]-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
