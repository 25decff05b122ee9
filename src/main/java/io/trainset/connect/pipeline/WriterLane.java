package io.trainset.connect.pipeline;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Where a task's units write their files and commit: in order of submission, on one thread of the
 * task's own, so the task thread goes on reading and joining while Parquet pages are encoded and
 * objects uploaded (on a machine with a core to spare). Every job of every unit of the task runs on
 * that one thread, so the writers and what they share (the open-file budget, the dataset card) are
 * never used by two threads ({@link #thread}: at most {@code capacity} jobs wait, {@link #submit}
 * blocks beyond that). A job that throws stops the lane: every job submitted after it is skipped
 * (a {@link #call} still runs), so no unit commits past a failure of another unit's job (a file
 * that one unit's write pushed out of the open-file budget belongs to another unit).
 * {@link #direct()} runs each job on the caller's thread instead and lets its failure through: what
 * the commit-protocol tests use to stay deterministic.
 */
public interface WriterLane extends AutoCloseable {

    /**
     * Runs the job after every job submitted before it, unless one of them threw: then it is skipped
     * (the job that threw recorded what went wrong; the task fails on it).
     */
    void submit(Runnable job);

    /** What stopped the lane (the first job that threw), if anything: the task fails on it. */
    Optional<RuntimeException> failure();

    /** Runs the call after every job submitted before it and returns its result. */
    <T> T call(Callable<T> call);

    /** Waits for the submitted jobs and stops the lane. */
    @Override
    void close();

    /** A lane that runs every job on the caller's thread, at once. */
    static WriterLane direct() {
        return new WriterLane() {
            @Override
            public void submit(Runnable job) {
                job.run();
            }

            @Override
            public Optional<RuntimeException> failure() {
                return Optional.empty(); // a failure reached the caller
            }

            @Override
            public <T> T call(Callable<T> call) {
                try {
                    return call.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void close() {}
        };
    }

    /** A lane on a daemon thread of that name, with at most {@code capacity} jobs waiting. */
    static WriterLane thread(String name, int capacity) {
        return new ThreadWriterLane(name, capacity);
    }
}
