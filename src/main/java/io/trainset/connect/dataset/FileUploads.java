package io.trainset.connect.dataset;

/**
 * Where a {@link DatasetWriter} uploads the files it finished: at once, on the writing thread
 * ({@link #INLINE}), or handed to another thread that runs them in the order submitted, so the
 * writer goes on encoding while earlier files travel to the store.
 */
@FunctionalInterface
public interface FileUploads {

    /** Every upload runs at once, on the caller's thread; its failure reaches the caller. */
    FileUploads INLINE = Runnable::run;

    /**
     * Runs {@code upload} now or later, after every upload submitted before it. The upload throws
     * an unchecked exception when the file cannot be uploaded.
     */
    void submit(Runnable upload);
}
