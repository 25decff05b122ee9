package io.trainset.connect.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Checks that a task owns whole join units: with partition N of one input topic it must also own
 * partition N of every other. Otherwise events of one key would be joined in two places (or never).
 */
final class CoPartitioning {

    private CoPartitioning() {}

    /** Throws a {@link ConnectException} naming what is missing and the fix. */
    static void check(Collection<TopicPartition> opened, Set<TopicPartition> assignment, List<String> inputTopics) {
        List<String> missing = new ArrayList<>();
        Set<Integer> units = new TreeSet<>();
        opened.forEach(tp -> units.add(tp.partition()));
        for (int unit : units) {
            for (String topic : inputTopics) {
                if (!assignment.contains(new TopicPartition(topic, unit))) {
                    missing.add(topic + "-" + unit);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ConnectException("Input topics are not co-partitioned for this task: it was assigned "
                    + new TreeSet<>(
                            assignment.stream().map(TopicPartition::toString).toList()) + " but not "
                    + missing + ". Trainset joins partition N of every input topic " + inputTopics
                    + " together, so each needs the same partition count and one task must own partition N of "
                    + "all of them. Fix: give every input topic the same number of partitions, produce both sides "
                    + "with the same key and partitioner, and keep the consumer's range assignor "
                    + "(consumer.override.partition.assignment.strategy=org.apache.kafka.clients.consumer."
                    + "RangeAssignor).");
        }
    }
}
