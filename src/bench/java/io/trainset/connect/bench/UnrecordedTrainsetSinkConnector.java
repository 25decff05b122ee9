package io.trainset.connect.bench;

import org.apache.kafka.connect.connector.Task;

/** {@link TimedTrainsetSinkConnector} whose tasks record no metrics (configuration {@code trainset-1-unrecorded}). */
public class UnrecordedTrainsetSinkConnector extends TimedTrainsetSinkConnector {

    @Override
    public Class<? extends Task> taskClass() {
        return UnrecordedTrainsetSinkTask.class;
    }
}
