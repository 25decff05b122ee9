package io.trainset.connect.pipeline;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Jobs of a task's units run in order of submission on one thread of the task's own: a task has two
 * ({@link TaskLanes}), one where files are written, one where they and the checkpoints are uploaded,
 * so the task thread goes on reading and joining meanwhile (on a machine with a core to spare). What
 * a lane's jobs share (the writers and the open-file budget on the files lane, the dataset card on
 * the uploads lane) is never used by two threads ({@link #thread}: at most {@code capacity} jobs
 * wait, {@link #submit} blocks beyond that). A job that throws stops the lane: every job submitted
 * after it is skipped (a {@link #call} still runs), so no unit commits past a failure of another
 * unit's job (a file that one unit's write pushed out of the open-file budget belongs to another
 * unit). {@link #direct()} runs each job on the caller's thread instead and lets its failure
 * through: what the commit-protocol tests use to stay deterministic.
 */
public interface WriterLane extends AutoCloseable {

    /**
     * Runs the job after every job submitted before it, unless one of them threw: then it is skipped
     * (the job that threw recorded what went wrong; the task fails on it).
     */
    void submit(Runnable job);

    /**
     * Runs the job after every job {@linkplain #submit submitted} before it, maybe beside the other parallel jobs
     * submitted since (on a lane with parallelism 1: in order, as {@link #submit}); every job submitted or call
     * made after it runs once it ended. A parallel job that throws stops the lane as any job: the ordered jobs
     * after it are skipped, so a commit submitted after its files' uploads runs only if all of them succeeded.
     */
    default void submitParallel(Runnable job) {
        submit(job);
    }

    /** What stopped the lane (the first job that threw), if anything: the task fails on it. */
    Optional<RuntimeException> failure();

    /** Whether submitted jobs wait behind the one running (asked from a job: whether it is the last for now). */
    boolean hasWaitingJobs();

    /** Runs the call after every job submitted before it and returns its result. */
    <T> T call(Callable<T> call);

    /** Waits for the submitted jobs (the parallel ones too) and stops the lane's threads. */
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
            public boolean hasWaitingJobs() {
                return false; // each job runs at once
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

    /**
     * A lane on a daemon thread of that name whose {@linkplain #submitParallel parallel jobs} run on
     * {@code parallelism} more (none when 1), with at most {@code capacity} jobs waiting or running in parallel.
     */
    static WriterLane thread(String name, int capacity, int parallelism) {
        return new ThreadWriterLane(name, capacity, parallelism);
    }
}
