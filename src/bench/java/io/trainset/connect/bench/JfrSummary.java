package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time and the allocations of a recording go: execution samples per thread kind over the
 * whole process, then for the threads that process records (e.g. {@code task-thread-}) the methods
 * that are on the CPU (self), the methods under which the time is spent (inclusive), and the
 * classes allocated most (by sampled weight), and where those threads and Trainset's lane threads wait
 * (parks, socket reads and writes, monitors: of at least {@link JfrProfile#WAIT_THRESHOLD}).
 */
final class JfrSummary {

    private static final Set<String> WAITS = Set.of(
            "jdk.ThreadPark", "jdk.SocketRead", "jdk.SocketWrite", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait");
    /** Trainset's own threads beside the task thread: {@code trainset-writer[...]}, {@code trainset-uploads[...]}. */
    private static final String LANE_PREFIX = "trainset-";

    private final Map<String, Long> byThread = new HashMap<>();
    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> inclusive = new HashMap<>();
    private final Map<String, Long> allocated = new HashMap<>();
    private final Map<String, Long> allocatedBy = new HashMap<>();
    /** Nanoseconds waited, by thread kind, event type and the innermost frame outside the JDK. */
    private final Map<String, Long> waited = new HashMap<>();

    private final Map<String, Long> gcsByCause = new HashMap<>();

    private long samples;
    private long gcs;
    private long longestPause;
    private long heapAfterGc;
    private java.time.Duration gcPauses = java.time.Duration.ZERO;
    private double cpuLoadSum;
    private long cpuLoads;
    private long readerSamples;
    private long allocatedBytes;

    static void print(Path file, String readerPrefix) throws IOException {
        JfrSummary summary = new JfrSummary();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            summary.add(event, readerPrefix);
        }
        summary.report(file, readerPrefix);
    }

    private void add(RecordedEvent event, String readerPrefix) {
        String type = event.getEventType().getName();
        String field = event.hasField("sampledThread") ? "sampledThread" : "eventThread";
        String thread = event.hasField(field) && event.getThread(field) != null
                ? event.getThread(field).getJavaName()
                : null;
        boolean reader = thread != null && thread.startsWith(readerPrefix) || runsSinkTask(event);
        if ("jdk.ExecutionSample".equals(type)) {
            samples++;
            byThread.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1L, Long::sum);
            if (reader) {
                readerSamples++;
                addStack(event.getStackTrace());
            }
        } else if (WAITS.contains(type) && thread != null && (reader || thread.startsWith(LANE_PREFIX))) {
            RecordedStackTrace stack = event.getStackTrace();
            String site = stack == null || stack.getFrames().isEmpty() ? "?" : waitSite(stack.getFrames());
            String kind = (reader ? readerPrefix : thread.substring(0, Math.max(0, thread.indexOf('[')))) + "*";
            waited.merge(
                    kind + "  " + type.substring("jdk.".length()) + "  " + site,
                    event.getDuration().toNanos(),
                    Long::sum);
        } else if ("jdk.GarbageCollection".equals(type)) {
            gcs++;
            gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
            longestPause =
                    Math.max(longestPause, event.getDuration("longestPause").toNanos());
            gcsByCause.merge(event.getString("name") + " / " + event.getString("cause"), 1L, Long::sum);
        } else if ("jdk.GCHeapSummary".equals(type) && "After GC".equals(event.getString("when"))) {
            heapAfterGc = Math.max(heapAfterGc, event.getLong("heapUsed"));
        } else if ("jdk.CPULoad".equals(type)) {
            cpuLoadSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
            cpuLoads++;
        } else if ("jdk.ObjectAllocationSample".equals(type) && reader) {
            long weight = event.getLong("weight");
            allocatedBytes += weight;
            allocated.merge(event.getClass("objectClass").getName(), weight, Long::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (stack != null && !stack.getFrames().isEmpty()) {
                allocatedBy.merge(firstOwnFrame(stack.getFrames()), weight, Long::sum);
            }
        }
    }

    /** Connect names its task threads after they start, which JFR may not see: recognise them by their stack. */
    private static boolean runsSinkTask(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null) {
            return false;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.getMethod().getType().getName().equals("org.apache.kafka.connect.runtime.WorkerSinkTask")) {
                return true;
            }
        }
        return false;
    }

    private void addStack(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(method(frames.get(0)), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String method = method(frame);
            if (seen.add(method)) {
                inclusive.merge(method, 1L, Long::sum);
            }
        }
    }

    /** The allocation site: the innermost frame outside the JDK, or the innermost one. */
    private static String firstOwnFrame(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return method(frame);
            }
        }
        return method(frames.get(0));
    }

    /** Where a thread waits: the innermost frame of Trainset or Connect, else the innermost outside the JDK. */
    private static String waitSite(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.trainset.") || type.startsWith("org.apache.kafka.")) {
                return method(frame);
            }
        }
        return firstOwnFrame(frames);
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private void report(Path file, String readerPrefix) {
        System.out.printf(
                Locale.ROOT,
                "%n== JFR profile %s: %,d execution samples, %,d on %s* threads (named so,"
                        + " or running WorkerSinkTask)%n",
                file,
                samples,
                readerSamples,
                readerPrefix);
        System.out.printf(
                Locale.ROOT,
                "   process CPU load %.0f%% of the machine on average; %,d collections, %.1f s of" + " pauses%n",
                cpuLoads == 0 ? 0 : 100 * cpuLoadSum / cpuLoads,
                gcs,
                gcPauses.toMillis() / 1000.0);
        System.out.printf(
                Locale.ROOT,
                "   longest GC pause %.1f ms; most heap used after a collection %.0f MB; collections by name / cause:"
                        + " %s%n",
                longestPause / 1e6,
                heapAfterGc / 1e6,
                gcsByCause);
        top("samples by thread (whole process)", byThread, samples, 12);
        top("self (on CPU), " + readerPrefix + "* threads", self, readerSamples, 25);
        top("inclusive (on the stack), " + readerPrefix + "* threads", inclusive, readerSamples, 40);
        top("allocated classes (sampled weight), " + readerPrefix + "* threads", allocated, allocatedBytes, 15);
        top("allocation sites (first non-JDK frame), " + readerPrefix + "* threads", allocatedBy, allocatedBytes, 20);
        System.out.println("-- waits of at least " + JfrProfile.WAIT_THRESHOLD.toMillis() + " ms (thread kind, event, "
                + "innermost non-JDK frame), seconds summed over the threads");
        waited.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %6.1f s  %s%n", e.getValue() / 1e9, e.getKey()));
    }

    private static void top(String title, Map<String, Long> counts, long total, int limit) {
        System.out.println("-- " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e ->
                        System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }
}
