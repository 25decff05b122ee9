package io.trainset.connect.metrics;

import java.time.Clock;
import java.util.Map;

/** The metrics of one join unit of a task (tag {@code unit}): its buffer, spill bytes, watermark and checkpoint. */
public final class UnitMetrics extends Recorder {

    private final int unit;
    private final MetricSet set;

    UnitMetrics(int unit, Clock clock, boolean recording) {
        super(Scope.UNIT, clock, recording);
        this.unit = unit;
        markNow(Metric.CHECKPOINT_AGE);
        this.set = metricSet(Map.of("unit", Integer.toString(unit)));
    }

    public int unit() {
        return unit;
    }

    MetricSet set() {
        return set;
    }
}
