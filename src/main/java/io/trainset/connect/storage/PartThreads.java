package io.trainset.connect.storage;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The daemon threads of an S3 store that send the full parts of the objects being written, so that their writers go
 * on with the next part ({@link S3ObjectOutput}): started with the first part, as many as parts are being sent at once
 * (an object sends one at a time), idle ones ending after a minute; {@link #close()} lets the parts being sent end
 * and starts no more.
 */
final class PartThreads implements Executor, AutoCloseable {

    private final String location;
    private ExecutorService threads;
    private boolean closed;

    PartThreads(String location) {
        this.location = location;
    }

    @Override
    public void execute(Runnable part) {
        threads().execute(part);
    }

    private synchronized ExecutorService threads() {
        if (closed) {
            throw new IllegalStateException("The S3 store " + location + " is closed: no part can be sent");
        }
        if (threads == null) {
            threads = Executors.newCachedThreadPool(DaemonThreads.named("trainset-s3-parts", location));
        }
        return threads;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (threads != null) {
            threads.shutdown();
        }
    }
}
