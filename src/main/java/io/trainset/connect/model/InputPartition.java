package io.trainset.connect.model;

/** One partition of one input topic. */
public record InputPartition(String topic, int partition) {

    public static InputPartition of(SourcePosition position) {
        return new InputPartition(position.topic(), position.partition());
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
