package io.trainset.connect.testing;

import io.trainset.connect.pipeline.TaskPort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link TaskPort} for tests: serves the assignment the test sets and records every rewind, pause
 * and resume, in order. {@link #paused()} is what a consumer would currently not fetch. Like
 * Connect's task context, it refuses to pause or resume a partition that is not assigned.
 */
public final class FakeTaskPort implements TaskPort {

    private final Set<TopicPartition> assignment = new LinkedHashSet<>();
    private final List<Map<TopicPartition, Long>> rewinds = new ArrayList<>();
    private final List<Set<TopicPartition>> pauses = new ArrayList<>();
    private final List<Set<TopicPartition>> resumes = new ArrayList<>();
    private final Set<TopicPartition> paused = new LinkedHashSet<>();
    private final List<Long> wakeUps = new ArrayList<>();

    /** Replaces the assignment. */
    public FakeTaskPort assign(Collection<TopicPartition> partitions) {
        assignment.clear();
        assignment.addAll(partitions);
        return this;
    }

    public FakeTaskPort assign(TopicPartition... partitions) {
        return assign(List.of(partitions));
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.copyOf(assignment);
    }

    @Override
    public void rewind(Map<TopicPartition, Long> offsets) {
        rewinds.add(Map.copyOf(offsets));
    }

    @Override
    public void wakeWithin(long delayMs) {
        wakeUps.add(delayMs);
    }

    /** The delays the pipeline asked for its next put(), in order. */
    public List<Long> wakeUps() {
        return List.copyOf(wakeUps);
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        requireAssigned("pause", partitions);
        pauses.add(Set.copyOf(partitions));
        paused.addAll(partitions);
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        requireAssigned("resume", partitions);
        Set<TopicPartition> effective = new java.util.HashSet<>(partitions);
        effective.retainAll(paused);
        if (!effective.isEmpty()) { // like the consumer: resuming a partition that is not paused does nothing
            resumes.add(Set.copyOf(effective));
            paused.removeAll(effective);
        }
    }

    private void requireAssigned(String action, Collection<TopicPartition> partitions) {
        if (!assignment.containsAll(partitions)) {
            throw new IllegalStateException(
                    "Cannot " + action + " " + partitions + ": not all in the assignment " + assignment);
        }
    }

    /** Every rewind, in order. */
    public List<Map<TopicPartition, Long>> rewinds() {
        return List.copyOf(rewinds);
    }

    /** The partitions of every pause call, in order. */
    public List<Set<TopicPartition>> pauses() {
        return List.copyOf(pauses);
    }

    /** The partitions of every resume call, in order. */
    public List<Set<TopicPartition>> resumes() {
        return List.copyOf(resumes);
    }

    /** The partitions paused and not resumed since. */
    public Set<TopicPartition> paused() {
        return Set.copyOf(paused);
    }
}
