package io.trainset.connect.bench;

import io.trainset.connect.TrainsetSinkTask;
import java.util.Collection;
import org.apache.kafka.connect.sink.SinkRecord;

/** Trainset's task, unchanged, but for one timestamp per batch in the {@link RunProbe}. */
public class TimedTrainsetSinkTask extends TrainsetSinkTask {

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!records.isEmpty()) {
            RunProbe.batch(records.size());
        }
        super.put(records);
    }
}
