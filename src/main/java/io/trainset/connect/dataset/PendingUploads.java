package io.trainset.connect.dataset;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.TaskMetrics;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uploads of one {@link DatasetWriter}'s finished files: each submitted to the {@link FileUploads} and counted
 * in the task's metrics where it runs; the files whose uploads never ran are discarded once none can run any more
 * ({@link #discardNotUploaded()}).
 */
final class PendingUploads {

    private final FileUploads uploads;
    private final TaskMetrics metrics;
    /** Files finished and not yet uploaded, wherever their uploads run. */
    private final Set<OpenFile> notUploaded = ConcurrentHashMap.newKeySet();

    PendingUploads(FileUploads uploads, TaskMetrics metrics) {
        this.uploads = uploads;
        this.metrics = metrics;
    }

    /** Submits the upload of a finished file. */
    void submit(OpenFile file) {
        notUploaded.add(file);
        uploads.submit(() -> upload(file));
    }

    /**
     * Discards the finished files whose uploads never ran (skipped after a failure, or because the unit closed:
     * their temporary files or multipart uploads go). Only once none of the uploads can run any more.
     */
    void discardNotUploaded() {
        for (OpenFile file : List.copyOf(notUploaded)) {
            file.writer.discard();
            notUploaded.remove(file);
        }
    }

    /** Uploads a finished file (on one of the uploads lane's threads) and counts it in the task's metrics. */
    private void upload(OpenFile file) {
        try {
            file.upload();
            metrics.increment(Metric.FILES_UPLOADED);
            metrics.add(Metric.BYTES_UPLOADED, file.writer.bytesWritten());
        } catch (RuntimeException e) {
            metrics.increment(Metric.UPLOAD_FAILURES);
            throw e;
        } finally {
            notUploaded.remove(file); // a failed upload discarded its object
        }
    }
}
