package io.trainset.connect.pipeline;

import java.util.Optional;

/**
 * The two lanes of one task beside its task thread. {@code files} encodes rows into Parquet files:
 * every job that touches the units' writers and the task's open-file budget. {@code uploads} talks
 * to the store: it uploads finished files (to their staged keys) and checkpoint chunks, several at once on
 * threads of its own ({@link WriterLane#submitParallel}), then, once all uploads before it ended, creates the
 * checkpoints, has the output publish their files (and count them in the dataset card) and cleans up. So the files lane goes on
 * encoding while a commit waits for the store, and the task thread goes on reading and joining. A
 * job that throws stops its lane (later jobs are skipped); a failure of either lane fails the task.
 *
 * @param files   where rows are encoded and files finished
 * @param uploads where files and checkpoints reach the store: a commit after every upload submitted before it
 */
public record TaskLanes(WriterLane files, WriterLane uploads) implements AutoCloseable {

    public TaskLanes {
        if (files == uploads && files instanceof ThreadWriterLane) {
            // A files job that submits an upload to its own full lane would wait for itself.
            throw new IllegalArgumentException("The files and uploads lanes must be two threads");
        }
    }

    /** Both lanes on the caller's thread: every job runs at once (the commit-protocol tests). */
    public static TaskLanes direct() {
        return new TaskLanes(WriterLane.direct(), WriterLane.direct());
    }

    /**
     * A daemon thread per lane, named after {@code owner}, with at most that many jobs waiting on each (on the
     * uploads lane: waiting or running), and {@code uploadThreads} uploads at once (more threads when above 1).
     */
    public static TaskLanes threads(String owner, int fileJobs, int uploadJobs, int uploadThreads) {
        return new TaskLanes(
                WriterLane.thread("trainset-writer[" + owner + "]", fileJobs),
                WriterLane.thread("trainset-uploads[" + owner + "]", uploadJobs, uploadThreads));
    }

    /** What stopped a lane, if anything: the task fails on it. */
    public Optional<RuntimeException> failure() {
        return files.failure().or(uploads::failure);
    }

    /** Waits for the files lane's jobs (which may submit uploads), then for the uploads, and stops both. */
    @Override
    public void close() {
        try {
            files.close();
        } finally {
            uploads.close();
        }
    }
}
