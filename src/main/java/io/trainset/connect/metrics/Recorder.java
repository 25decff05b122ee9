package io.trainset.connect.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Records the metrics of one scope (the task, or one join unit) from any thread, and reads them back
 * for the binders. Recording is a plain call that allocates nothing: counters are {@link LongAdder}s,
 * set values are slots of an {@link AtomicLongArray}. Using a metric of another scope or kind, or a tag
 * value of another dimension, is a programming error and throws {@link IllegalArgumentException}.
 */
public abstract class Recorder {

    /** A value not set yet: it reads as NaN. */
    static final long UNSET = Long.MIN_VALUE;

    private final Scope scope;
    private final Layout layout;
    private final Clock clock;
    private final boolean recording;
    private final LongAdder[] counters;
    private final AtomicLongArray values;
    private final AtomicReferenceArray<LongSupplier> suppliers;

    /** {@code recording} false: every call is checked but records nothing (to measure what recording costs). */
    Recorder(Scope scope, Clock clock, boolean recording) {
        this.scope = scope;
        this.layout = Layout.of(scope);
        this.clock = clock;
        this.recording = recording;
        this.counters = new LongAdder[layout.counters()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
        this.values = new AtomicLongArray(layout.values());
        for (int i = 0; i < values.length(); i++) {
            values.set(i, UNSET);
        }
        this.suppliers = new AtomicReferenceArray<>(layout.values());
    }

    /** Adds one to a counter without a dimension. */
    public void increment(Metric counter) {
        add(counter, 1);
    }

    /** Adds {@code n} (not negative: counters are monotonic) to a counter without a dimension. */
    public void add(Metric counter, long n) {
        int slot = counterSlot(counter, Dimension.NONE, n);
        if (recording) {
            counters[slot].add(n);
        }
    }

    /** Adds one to the series {@code tag} of a counter, e.g. {@code increment(RECORDS_READ, Side.SUBMITTED)}. */
    public void increment(Metric counter, Tags.Value tag) {
        add(counter, tag, 1);
    }

    public void add(Metric counter, Tags.Value tag, long n) {
        if (!counter.dimension().holds(tag)) {
            throw new IllegalArgumentException(counter.metricName() + " is not tagged by " + tag);
        }
        int slot = counterSlot(counter, counter.dimension(), n) + tag.ordinal();
        if (recording) {
            counters[slot].add(n);
        }
    }

    /** Sets a gauge's value; {@link Long#MIN_VALUE} means unknown (it reads as NaN). */
    public void set(Metric gauge, long value) {
        int slot = valueSlot(gauge, Reading.VALUE);
        if (recording) {
            values.set(slot, value);
        }
    }

    /** Makes a gauge read {@code supplier} (cheap, safe to call from any thread) instead of a set value. */
    public void supply(Metric gauge, LongSupplier supplier) {
        int slot = valueSlot(gauge, Reading.VALUE);
        if (recording) {
            suppliers.set(slot, supplier);
        }
    }

    /** Sets the instant (epoch ms) an age is measured from, e.g. the creation of the newest checkpoint. */
    public void mark(Metric age, long epochMs) {
        if (age.ageOf() != age) {
            throw new IllegalArgumentException(
                    age.metricName() + " is measured from " + age.ageOf().metricName());
        }
        int slot = valueSlot(age, Reading.AGE);
        if (recording) {
            values.set(slot, epochMs);
        }
    }

    /** Sets the instant an age is measured from to now (the worker clock), e.g. at a checkpoint's creation. */
    public void markNow(Metric age) {
        mark(age, recording ? clock.millis() : UNSET);
    }

    /** The current value of {@code metric}'s series {@code tagIndex} (0 without a dimension). */
    double read(Metric metric, int tagIndex) {
        return switch (metric.reading()) {
            case COUNT -> counters[layout.slot(metric) + tagIndex].sum();
            case VALUE -> valueOf(metric);
            case AGE -> clock.millis() - valueOf(metric.ageOf());
            default -> latency(metric);
        };
    }

    boolean recording() {
        return recording;
    }

    double latency(Metric percentile) {
        throw new IllegalArgumentException(percentile.metricName() + " is not kept per " + scope);
    }

    private double valueOf(Metric metric) {
        int slot = layout.slot(metric);
        LongSupplier supplier = suppliers.get(slot);
        long value = supplier != null ? supplier.getAsLong() : values.get(slot);
        return value == UNSET ? Double.NaN : value;
    }

    /** The series of this scope with {@code tags} ({@code unit=N} or none), in catalog order. */
    MetricSet metricSet(Map<String, String> tags) {
        List<Series> series = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            if (metric.scope() != scope) {
                continue;
            }
            Dimension dimension = metric.dimension();
            for (int i = 0; i < dimension.size(); i++) {
                Map<String, String> seriesTags = new LinkedHashMap<>(tags);
                if (dimension != Dimension.NONE) {
                    seriesTags.put(dimension.tag(), dimension.textAt(i));
                }
                int index = i;
                series.add(new Series(metric, seriesTags, () -> read(metric, index)));
            }
        }
        return new MetricSet(scope, tags, series);
    }

    private int counterSlot(Metric counter, Dimension dimension, long n) {
        if (counter.scope() != scope || counter.reading() != Reading.COUNT || counter.dimension() != dimension) {
            throw misuse(counter, "a counter" + (dimension == Dimension.NONE ? " without tags" : ""));
        }
        if (n < 0) {
            throw new IllegalArgumentException(counter.metricName() + " is monotonic: cannot add " + n);
        }
        return layout.slot(counter);
    }

    private int valueSlot(Metric gauge, Reading reading) {
        if (gauge.scope() != scope || gauge.reading() != reading) {
            throw misuse(gauge, reading == Reading.AGE ? "an age" : "a gauge that is set");
        }
        return layout.slot(gauge);
    }

    private IllegalArgumentException misuse(Metric metric, String expected) {
        return new IllegalArgumentException(metric.metricName() + " (" + metric.scope() + ", " + metric.reading() + ", "
                + metric.dimension() + ") is not " + expected + " of scope " + scope);
    }
}
