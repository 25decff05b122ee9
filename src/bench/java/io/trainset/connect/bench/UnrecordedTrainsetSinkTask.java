package io.trainset.connect.bench;

import io.trainset.connect.metrics.TaskMetrics;
import java.time.Clock;
import java.util.Map;

/** The benchmark's task with metrics that record nothing ({@link TaskMetrics#discarding}): recording "off". */
public class UnrecordedTrainsetSinkTask extends TimedTrainsetSinkTask {

    @Override
    protected TaskMetrics bindMetrics(Map<String, String> props) {
        return TaskMetrics.discarding(Clock.systemUTC());
    }
}
