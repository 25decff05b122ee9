package io.trainset.connect.model;

/** Where an event was read: the original topic, partition and offset. */
public record SourcePosition(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
