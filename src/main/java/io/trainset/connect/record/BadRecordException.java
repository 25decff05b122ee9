package io.trainset.connect.record;

import org.apache.kafka.connect.errors.DataException;

/**
 * A record that cannot become part of the dataset. The message names the record (topic, partition,
 * offset), what is wrong, and the fix; the task hands it to the dead-letter queue reporter.
 */
public class BadRecordException extends DataException {

    public BadRecordException(String message) {
        super(message);
    }

    public BadRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
