package io.trainset.connect.dataset;

/**
 * Where a {@link DatasetWriter} uploads the files it finished: handed to another thread that runs
 * them in the order submitted (the task's uploads lane), so the writer goes on encoding while earlier
 * files travel to the store, or at once on the writing thread ({@code Runnable::run}).
 */
@FunctionalInterface
public interface FileUploads {

    /**
     * Runs {@code upload} now or later, after every upload submitted before it. The upload throws
     * an unchecked exception when the file cannot be uploaded.
     */
    void submit(Runnable upload);
}
