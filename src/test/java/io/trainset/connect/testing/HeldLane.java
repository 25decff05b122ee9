package io.trainset.connect.testing;

import io.trainset.connect.pipeline.WriterLane;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A {@link WriterLane} that holds submitted jobs until the test runs them ({@link #runAll}), on the
 * test's thread: the gap between the task thread handing a commit over and the writer thread making
 * it, without real threads. A {@link #call} runs what is held first, and a job that throws stops
 * the lane (later jobs are skipped), as on a real lane.
 */
public final class HeldLane implements WriterLane {

    private final Deque<Runnable> held = new ArrayDeque<>();
    private RuntimeException stopped;

    @Override
    public void submit(Runnable job) {
        held.add(job);
    }

    @Override
    public <T> T call(Callable<T> call) {
        runAll();
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs every held job, in order; once one threw, the rest are skipped. */
    public void runAll() {
        run(Integer.MAX_VALUE);
    }

    /** Runs the first {@code jobs} held jobs (and what they submit meanwhile, if it comes before). */
    public void run(int jobs) {
        for (int n = 0; n < jobs && !held.isEmpty(); n++) {
            Runnable job = held.poll();
            if (stopped != null) {
                continue;
            }
            try {
                job.run();
            } catch (RuntimeException e) {
                stopped = e;
            }
        }
    }

    @Override
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(stopped);
    }

    @Override
    public boolean hasWaitingJobs() {
        return !held.isEmpty();
    }

    public int heldJobs() {
        return held.size();
    }

    @Override
    public void close() {
        runAll();
    }
}
