package io.trainset.connect.dataset;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.TaskMetrics;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the open files of one task across its join units: at most {@code maxOpenFiles} open, and
 * at most {@code maxBufferedBytes} of row groups buffered in memory in all. When a write goes over
 * either bound, the least recently written files are finished early (uploaded to their staged keys,
 * they wait for their unit's commit) until the task is within bounds again. Not thread-safe (one writer
 * thread); it sets the task's open-files and row-group-bytes-buffered gauges as they change.
 */
public final class OpenFileBudget {

    private static final Logger LOG = LoggerFactory.getLogger(OpenFileBudget.class);
    /** Early finishes are reported at the first one and then every this many. */
    private static final long WARN_EVERY = 1000;

    /** An open file that the budget can close: the writer finishes it when asked. */
    interface Slot {
        void finishEarly();
    }

    private final int maxOpenFiles;
    private final long maxBufferedBytes;
    private final TaskMetrics metrics;
    private final LinkedHashMap<Slot, Long> open = new LinkedHashMap<>(16, 0.75f, true);
    private long bufferedBytes;
    private long earlyFinishes;

    /** A budget whose gauges are published nowhere. */
    public OpenFileBudget(int maxOpenFiles, long maxBufferedBytes) {
        this(maxOpenFiles, maxBufferedBytes, TaskMetrics.unpublished(Clock.systemUTC()));
    }

    public OpenFileBudget(int maxOpenFiles, long maxBufferedBytes, TaskMetrics metrics) {
        if (maxOpenFiles < 1 || maxBufferedBytes < 1) {
            throw new IllegalArgumentException("the open-file budget needs at least one file and one byte");
        }
        this.maxOpenFiles = maxOpenFiles;
        this.maxBufferedBytes = maxBufferedBytes;
        this.metrics = metrics;
        recordGauges();
    }

    /** No practical bound, for tests. */
    public static OpenFileBudget unbounded() {
        return new OpenFileBudget(Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /** The smallest row group the budget asks for: smaller ones make every reader slow (many reads per file). */
    public static final long MIN_ROW_GROUP_BYTES = 8L << 20;

    /**
     * The row-group size at which each file flushes its rows so that all {@code maxOpenFiles} open files together
     * stay under {@code maxBufferedBytes}, with a quarter of slack for Parquet's estimate between its size checks,
     * but never under {@link #MIN_ROW_GROUP_BYTES}: then the budget finishes files early only when more files are
     * open than the bound or than the bytes allow at that floor, not because each buffers a large row group (with
     * 1 task, 84 label-directory files sharing 128 MiB finished a file early on nearly every write).
     */
    public long rowGroupBytesPerFile() {
        return Math.max(MIN_ROW_GROUP_BYTES, maxBufferedBytes / maxOpenFiles / 4 * 3);
    }

    /**
     * Records that {@code slot} was opened, buffering nothing yet; its writes follow ({@link #written}). Once per file,
     * so that a write never meets a file the budget has not seen (a null of the per-row path that C2 traps on).
     */
    void opened(Slot slot) {
        open.put(slot, 0L);
    }

    /**
     * Records a write to {@code slot} ({@link #opened} before), which now buffers {@code bytes}; finishes files over
     * budget.
     */
    void written(Slot slot, long bytes) {
        long previous = open.put(slot, bytes);
        bufferedBytes += bytes - previous;
        while (!open.isEmpty() && (open.size() > maxOpenFiles || bufferedBytes > maxBufferedBytes)) {
            Iterator<Map.Entry<Slot, Long>> eldest = open.entrySet().iterator();
            Slot victim = eldest.next().getKey();
            earlyFinishes++;
            warnIfThrashing();
            victim.finishEarly(); // calls closed(victim)
            if (open.containsKey(victim)) {
                closed(victim); // a writer that failed to finish must not loop here
            }
        }
        recordGauges();
    }

    private void recordGauges() {
        metrics.set(Metric.OPEN_FILES, open.size());
        metrics.set(Metric.ROW_GROUP_BYTES_BUFFERED, bufferedBytes);
    }

    private void warnIfThrashing() {
        if (earlyFinishes % WARN_EVERY == 1) {
            LOG.warn(
                    "Finishing the least recently written file early ({} early finishes so far): {} files are open "
                            + "(dataset.max.open.files={}) holding {} bytes (dataset.max.buffered.bytes={}). Early finishes "
                            + "make small files: raise dataset.max.open.files to at least the task's join units x splits x "
                            + "labels, or use fewer path levels (layout.partitions).",
                    earlyFinishes,
                    open.size(),
                    maxOpenFiles,
                    bufferedBytes,
                    maxBufferedBytes);
        }
    }

    /** Records that a file is finished or discarded. */
    void closed(Slot slot) {
        Long bytes = open.remove(slot);
        if (bytes != null) {
            bufferedBytes -= bytes;
            recordGauges();
        }
    }

    public int openFiles() {
        return open.size();
    }

    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Files finished early to stay within the budget, since the task started. */
    public long earlyFinishes() {
        return earlyFinishes;
    }
}
