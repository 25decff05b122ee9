package io.trainset.connect.bench;

import io.trainset.connect.TrainsetSinkConnector;
import org.apache.kafka.connect.connector.Task;

/** Trainset's connector, unchanged, whose tasks note their batches in the {@link RunProbe}. */
public class TimedTrainsetSinkConnector extends TrainsetSinkConnector {

    @Override
    public Class<? extends Task> taskClass() {
        return TimedTrainsetSinkTask.class;
    }
}
