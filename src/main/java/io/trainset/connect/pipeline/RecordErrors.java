package io.trainset.connect.pipeline;

import java.util.concurrent.Future;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where bad records go: the worker's dead-letter queue reporter, which honours
 * {@code errors.tolerance} (with {@code none} the report fails the task).
 */
@FunctionalInterface
public interface RecordErrors {

    /** Reports a record that cannot be used; the future completes when the report is durable. */
    Future<Void> report(SinkRecord record, Throwable error);
}
