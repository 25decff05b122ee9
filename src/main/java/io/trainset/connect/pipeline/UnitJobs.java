package io.trainset.connect.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one join unit's jobs on the task's {@link TaskLanes}, unless the unit failed or closed. A job
 * that throws stops the unit and (but for a fenced commit, which concerns this unit only) the lane it
 * ran on, so no unit of the task commits after it: a job of this unit may have failed on another
 * unit's file (the open-file budget finishes the least recently written file of the task). The unit is
 * named in the logging context while its jobs run ({@link UnitLogContext}).
 */
final class UnitJobs {

    private final int unit;
    private final TaskLanes lanes;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean closed;

    UnitJobs(int unit, TaskLanes lanes) {
        this.unit = unit;
        this.lanes = lanes;
    }

    /** Runs {@code job} on the files lane, after the jobs submitted to it before. */
    void onFiles(Runnable job) {
        lanes.files().submit(guarded(job));
    }

    /**
     * Runs the upload {@code job} on the uploads lane, after the ordered jobs submitted to it before and maybe beside
     * other uploads ({@link WriterLane#submitParallel}): a finished file's or a checkpoint chunk's.
     */
    void onUploads(Runnable job) {
        lanes.uploads().submitParallel(guarded(job));
    }

    /** Runs {@code job} on the uploads lane once every job submitted to it before ended: a commit after its uploads. */
    void afterUploads(Runnable job) {
        lanes.uploads().submit(guarded(job));
    }

    /** Whether jobs (of any unit) wait on the uploads lane behind the one running. */
    boolean uploadsWaiting() {
        return lanes.uploads().hasWaitingJobs();
    }

    /** What stopped the unit (a failed or fenced job), if anything. */
    RuntimeException failure() {
        return failure.get();
    }

    /**
     * Skips the unit's jobs from now on, runs {@code lastOnFiles} on the files lane after the jobs
     * queued there (this unit's skipped, other units' run) and returns its result, then runs
     * {@code lastOnUploads} the same way on the uploads lane (even if the first failed): nothing else
     * of the unit runs after this returns.
     */
    <T> T close(Callable<T> lastOnFiles, Runnable lastOnUploads) {
        closed = true;
        try {
            return lanes.files().call(lastOnFiles);
        } finally {
            lanes.uploads().call(() -> {
                lastOnUploads.run();
                return null;
            });
        }
    }

    /** The job, skipped once the unit failed or closed; what it throws stops the unit. */
    private Runnable guarded(Runnable job) {
        return () -> {
            if (failure.get() != null || closed) {
                return;
            }
            try {
                UnitLogContext.around(unit, job);
            } catch (UnitFencedException e) {
                failure.compareAndSet(null, e);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                throw e;
            } catch (Error e) {
                failure.compareAndSet(null, new IllegalStateException("Unit " + unit + " failed: " + e, e));
                throw e;
            }
        };
    }
}
