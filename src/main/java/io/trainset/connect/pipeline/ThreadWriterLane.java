package io.trainset.connect.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A {@link WriterLane} on one daemon thread, with a bound on the jobs that wait. */
final class ThreadWriterLane implements WriterLane {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadWriterLane.class);

    private final String name;
    private final ExecutorService executor;
    private final int capacity;
    private final Semaphore room;
    /** Set by the lane's thread when a job threw: later jobs are skipped. */
    private volatile RuntimeException stopped;

    ThreadWriterLane(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
        // The lane logs in the logging context of the thread that made it (the worker's connector and task).
        Map<String, String> context = MDC.getCopyOfContextMap();
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(
                    () -> {
                        if (context != null) {
                            MDC.setContextMap(context);
                        }
                        runnable.run();
                    },
                    name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void submit(Runnable job) {
        room.acquireUninterruptibly();
        executor.execute(() -> {
            try {
                if (stopped == null) {
                    job.run();
                }
            } catch (RuntimeException e) {
                stop(e);
            } catch (Error e) {
                stop(new ConnectException(name + " failed: " + e, e));
                throw e;
            } finally {
                room.release();
            }
        });
    }

    private void stop(RuntimeException e) {
        stopped = e;
        LOG.error("{}: a job failed ({}); skipping every later job until the task restarts", name, e.toString());
    }

    @Override
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(stopped);
    }

    /** A running job holds one of the permits until it ends; every other permit taken is a job waiting. */
    @Override
    public boolean hasWaitingJobs() {
        return room.availablePermits() < capacity - 1;
    }

    @Override
    public <T> T call(Callable<T> call) {
        // An interrupted caller fails here, not only when it has to wait: a job the lane finishes before get()
        // would otherwise hide the interrupt (FutureTask.get checks it only while waiting).
        if (Thread.currentThread().isInterrupted()) {
            throw new ConnectException("Interrupted before calling " + name);
        }
        Future<T> result = executor.submit(call);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for " + name, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ConnectException(name + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("{} did not finish its jobs within a minute; stopping it", name);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
