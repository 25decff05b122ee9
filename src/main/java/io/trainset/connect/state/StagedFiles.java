package io.trainset.connect.state;

import io.trainset.connect.storage.DaemonThreads;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import io.trainset.connect.storage.UnretryableStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staged files of join units, {@code _trainset/pending/unit-<N>/<sequence>-<token>/<file key>.pending}
 * ({@link io.trainset.connect.model.DatasetKeys#stagedKey}): where a finished file waits until the checkpoint
 * that names it exists, then is copied to its key. Listings are parsed strictly ({@link StateListing}):
 * anything else in these directories is ignored and never deleted. Each step is retried as
 * {@link StoreRetry} says. A checkpoint's files are copied (then their staged copies deleted) up to
 * {@code threads} at once, on threads of this object's own, started when first needed and stopped by
 * {@link #close}; with one thread, on the caller's.
 */
public final class StagedFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StagedFiles.class);

    /** One step on one file of a checkpoint. */
    private interface FileStep {
        void run(Checkpoint.File file) throws IOException;
    }

    private final ObjectStore store;
    private final StoreRetry retry;
    private final StateListing listing;
    private final ExecutorService threads;

    /** Publishes on the caller's thread, one file after another. */
    public StagedFiles(ObjectStore store, StoreRetry retry) {
        this(store, retry, 1);
    }

    /** Publishes up to {@code threads} files at once (output.upload.threads). */
    public StagedFiles(ObjectStore store, StoreRetry retry, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Publishing needs at least 1 thread, got " + threads);
        }
        this.store = store;
        this.retry = retry;
        this.listing = new StateListing(store);
        this.threads = threads == 1
                ? null
                : Executors.newFixedThreadPool(threads, DaemonThreads.named("trainset-publish", store.location()));
    }

    /**
     * Copies every staged file of the checkpoint to its key, then, once all are copied, deletes their staged
     * copies. Idempotent: a file whose staged copy is gone was copied before (by this or another task). When
     * a copy fails no staged copy is deleted, and the copies not yet started are not started.
     */
    public void copyToKeys(Checkpoint checkpoint) throws IOException {
        List<Checkpoint.File> moved = checkpoint.files().stream()
                .filter(file -> !file.staged().equals(file.key()))
                .toList();
        retry.get(() -> {
            List<Checkpoint.File> copied = new CopyOnWriteArrayList<>();
            forEach(moved, file -> {
                if (copy(checkpoint, file)) {
                    copied.add(file);
                }
            });
            forEach(List.copyOf(copied), file -> store.delete(file.staged()));
            return null;
        });
    }

    /** Copies a staged file to its key: false when its staged copy is gone because it was published before. */
    private boolean copy(Checkpoint checkpoint, Checkpoint.File file) throws IOException {
        try {
            store.copy(file.staged(), file.key());
            return true;
        } catch (IOException e) {
            if (store.list(file.key()).contains(file.key())) {
                LOG.debug("{} was published before; its staged copy is gone", file.key());
                return false;
            }
            String message = "Cannot publish " + file.key() + " of checkpoint " + checkpoint.sequence() + " of unit "
                    + checkpoint.unit() + " from " + file.staged() + ": " + e.getMessage();
            throw e instanceof UnretryableStoreException
                    ? new UnretryableStoreException(message, e)
                    : new IOException(message, e);
        }
    }

    /**
     * Runs {@code step} on every file, up to the threads at once, and returns once every started step ended;
     * after a step failed, the steps not started yet are skipped and the first failure is thrown (later ones
     * suppressed in it).
     */
    private void forEach(List<Checkpoint.File> files, FileStep step) throws IOException {
        AtomicBoolean failed = new AtomicBoolean();
        List<CompletableFuture<Void>> steps = files.stream()
                .map(file -> CompletableFuture.runAsync(() -> runUnlessFailed(step, file, failed), executor()))
                .toList();
        Exception first = null;
        for (CompletableFuture<Void> running : steps) {
            try {
                running.join(); // every started step is waited for, also after one failed
            } catch (CompletionException e) {
                Exception cause = e.getCause() instanceof UncheckedIOException io
                        ? io.getCause()
                        : e.getCause() instanceof RuntimeException re ? re : e;
                if (first == null) {
                    first = cause;
                } else {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first instanceof IOException io) {
            throw io;
        } else if (first != null) {
            throw (RuntimeException) first;
        }
    }

    private static void runUnlessFailed(FileStep step, Checkpoint.File file, AtomicBoolean failed) {
        if (failed.get()) {
            return;
        }
        try {
            step.run(file);
        } catch (IOException e) {
            failed.set(true);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            failed.set(true);
            throw e;
        }
    }

    private Executor executor() {
        return threads == null ? Runnable::run : threads;
    }

    /**
     * Deletes the staged files of commits up to {@code sequence}: they are published or can never be. Staged
     * files of later commits may belong to a live zombie and are left for the next cleanup.
     */
    public void deleteUpTo(int unit, long sequence) throws IOException {
        retry.get(() -> {
            for (StateListing.Staged staged : listing.staged(unit)) {
                if (staged.sequence() <= sequence) {
                    store.delete(staged.key());
                }
            }
            return null;
        });
    }

    /** Stops the publishing threads (a publish running then fails); called when the task's output closes. */
    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
