package io.trainset.connect.dataset;

/**
 * Where a {@link DatasetWriter} uploads the files it finished: handed to other threads (the task's uploads
 * lane, which may run several uploads at once), so the writer goes on encoding while earlier files travel to
 * the store, or at once on the writing thread ({@code Runnable::run}). Uploads may run concurrently and
 * end in any order; what must follow them (the commit) waits for all of them where it is submitted.
 */
@FunctionalInterface
public interface FileUploads {

    /**
     * Runs {@code upload} now or later, possibly at the same time as other uploads. The upload throws
     * an unchecked exception when the file cannot be uploaded.
     */
    void submit(Runnable upload);
}
