package io.trainset.connect.pipeline;

import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * Names the join unit in the logging context ({@link #KEY} in the slf4j MDC, e.g. {@code unit=3 }) while
 * a unit's work runs: its jobs on the task's writer and uploads threads, its restore and its commit on
 * the task thread (not per record: records are read outside it). A log layout shows it with
 * {@code %X{trainset.unit}} beside Connect's {@code %X{connector.context}} (docs/metrics.md, Logs).
 */
final class UnitLogContext {

    /** The MDC key of the unit. */
    static final String KEY = "trainset.unit";

    private UnitLogContext() {}

    static void around(int unit, Runnable work) {
        String previous = enter(unit);
        try {
            work.run();
        } finally {
            leave(previous);
        }
    }

    static <T> T around(int unit, Callable<T> work) {
        String previous = enter(unit);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            leave(previous);
        }
    }

    private static String enter(int unit) {
        String previous = MDC.get(KEY);
        MDC.put(KEY, "unit=" + unit + " ");
        return previous;
    }

    private static void leave(String previous) {
        if (previous == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, previous);
        }
    }
}
