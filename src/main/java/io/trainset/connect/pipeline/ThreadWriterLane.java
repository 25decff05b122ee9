package io.trainset.connect.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A {@link WriterLane} on one daemon thread, with a bound on the jobs that wait, and {@code parallelism} more
 * daemon threads for {@link #submitParallel} jobs when {@code parallelism > 1}. The lane's thread hands a parallel
 * job to them and goes on; before an ordered job or a call it waits until every parallel job handed over before
 * has ended. A parallel job holds its place in the bound until it ends, so the bound counts the jobs waiting and
 * running alike.
 */
final class ThreadWriterLane implements WriterLane {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadWriterLane.class);

    private final String name;
    private final ExecutorService executor;
    /** Where parallel jobs run; null when the lane has parallelism 1 (they run on its own thread, in order). */
    private final ExecutorService parallel;

    private final int capacity;
    private final Semaphore room;
    /** The lane's thread only: the parallel jobs handed over and maybe running. */
    private final List<Future<?>> handedOver = new ArrayList<>();
    /** Set by the lane's thread when a job threw: later jobs are skipped. */
    private volatile RuntimeException stopped;

    ThreadWriterLane(String name, int capacity) {
        this(name, capacity, 1);
    }

    ThreadWriterLane(String name, int capacity, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException(name + ": parallelism must be at least 1, got " + parallelism);
        }
        this.name = name;
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
        // The lane logs in the logging context of the thread that made it (the worker's connector and task).
        Map<String, String> context = MDC.getCopyOfContextMap();
        this.executor = Executors.newSingleThreadExecutor(runnable -> daemon(name, context, runnable));
        AtomicInteger count = new AtomicInteger();
        this.parallel = parallelism == 1
                ? null
                : Executors.newFixedThreadPool(
                        parallelism, runnable -> daemon(name + "-" + count.incrementAndGet(), context, runnable));
    }

    private static Thread daemon(String name, Map<String, String> context, Runnable runnable) {
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
    }

    @Override
    public void submit(Runnable job) {
        room.acquireUninterruptibly();
        executor.execute(() -> {
            try {
                awaitHandedOver();
                run(job);
            } finally {
                room.release();
            }
        });
    }

    @Override
    public void submitParallel(Runnable job) {
        if (parallel == null) {
            submit(job);
            return;
        }
        room.acquireUninterruptibly();
        executor.execute(() -> {
            handedOver.removeIf(Future::isDone);
            handedOver.add(parallel.submit(() -> {
                try {
                    run(job);
                } finally {
                    room.release();
                }
            }));
        });
    }

    /** Runs the job unless the lane stopped; a job that throws stops it. */
    private void run(Runnable job) {
        try {
            if (stopped == null) {
                job.run();
            }
        } catch (RuntimeException e) {
            stop(e);
        } catch (Error e) {
            stop(new ConnectException(name + " failed: " + e, e));
            throw e;
        }
    }

    /** Waits until the parallel jobs handed over so far ended; what they threw stopped the lane. */
    private void awaitHandedOver() {
        try {
            for (Future<?> job : handedOver) {
                awaitEnd(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(new ConnectException("Interrupted while " + name + " waited for its parallel jobs", e));
        } finally {
            handedOver.clear();
        }
    }

    private static void awaitEnd(Future<?> job) throws InterruptedException {
        try {
            job.get();
        } catch (ExecutionException e) {
            // An Error: the job stopped the lane with it
        }
    }

    private synchronized void stop(RuntimeException e) {
        if (stopped != null) {
            return; // the first failure is the lane's
        }
        stopped = e;
        LOG.error("{}: a job failed ({}); skipping every later job until the task restarts", name, e.toString());
    }

    @Override
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(stopped);
    }

    /**
     * A running job holds one of the permits until it ends; every other permit taken is a job waiting (or a parallel
     * job running: asked from an ordered job, none submitted before it still runs).
     */
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
        Future<T> result = executor.submit(() -> {
            awaitHandedOver();
            return call.call();
        });
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

    /** Runs the jobs submitted, waits for the parallel ones among them, and stops every thread of the lane. */
    @Override
    public void close() {
        if (!executor.isShutdown()) {
            executor.execute(this::awaitHandedOver);
        }
        stopWithin(executor);
        if (parallel != null) {
            stopWithin(parallel);
        }
    }

    private void stopWithin(ExecutorService threads) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("{} did not finish its jobs within a minute; stopping it", name);
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
    }
}
