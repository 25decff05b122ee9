package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the JIT compiler did in a recording ({@link WorkerProfile}'s settings record every compilation and class
 * load): compilations and compiled bytes by tier, the deoptimisations by reason and by method (their churn is what
 * recompiles code in a warm worker), the methods compiled most often and the classes loaded, by package (classes
 * loaded while records flow, e.g. per commit, invalidate compiled code).
 */
final class JitSummary {

    private final Map<String, Long> compilationsByTier = new HashMap<>();
    private final Map<String, Long> bytesByTier = new HashMap<>();
    private final Map<String, Long> recompiled = new HashMap<>();
    private final Map<String, Long> deoptReasons = new HashMap<>();
    private final Map<String, Long> deoptMethods = new HashMap<>();
    private final Map<String, Long> classesByPackage = new HashMap<>();
    /** Compile time (the compiler thread's wall time) by tier, method and machine-code size. */
    private final Map<String, Long> compileNanos = new HashMap<>();

    private final Map<String, Long> c2NanosByPackage = new HashMap<>();
    /** The compilation each compile id was, to name what a deoptimisation threw away. */
    private final Map<Long, String> compiledById = new HashMap<>();

    private final List<RecordedEvent> deoptEvents = new ArrayList<>();
    private final JitTimeline timeline = new JitTimeline();
    private long compilations;
    private long compiledBytes;
    private long deopts;
    private long classes;

    static void print(Path file) throws IOException {
        JitSummary summary = new JitSummary();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            summary.add(event);
        }
        summary.report(file);
    }

    private void add(RecordedEvent event) {
        switch (event.getEventType().getName()) {
            case "jdk.Compilation" -> compilation(event);
            case "jdk.Deoptimization" -> deoptimization(event);
            case "jdk.ClassLoad" -> classLoad(event);
            default -> {
                // not the JIT's
            }
        }
    }

    private void compilation(RecordedEvent event) {
        String tier = "tier " + event.getValue("compileLevel") + (event.getBoolean("isOsr") ? " OSR" : "");
        long bytes = ((Number) event.getValue("codeSize")).longValue();
        compilations++;
        compiledBytes += bytes;
        compilationsByTier.merge(tier, 1L, Long::sum);
        bytesByTier.merge(tier, bytes, Long::sum);
        recompiled.merge(method(event.getValue("method")), 1L, Long::sum);
        String compiled = tier + " " + method(event.getValue("method")) + " (" + bytes / 1024 + " KB)";
        compiledById.put(((Number) event.getValue("compileId")).longValue(), compiled);
        compileNanos.merge(compiled, event.getDuration().toNanos(), Long::sum);
        timeline.add(event, tier.startsWith("tier 4"));
        if (tier.startsWith("tier 4")) {
            c2NanosByPackage.merge(
                    packageOf(event.getValue("method")), event.getDuration().toNanos(), Long::sum);
        }
    }

    private static String packageOf(RecordedMethod method) {
        String[] parts =
                method == null ? new String[] {"?"} : method.getType().getName().split("\\.");
        return String.join(".", java.util.Arrays.asList(parts).subList(0, Math.min(3, parts.length - 1)));
    }

    private void deoptimization(RecordedEvent event) {
        deopts++;
        deoptEvents.add(event);
        deoptReasons.merge(event.getString("reason") + " / " + event.getString("action"), 1L, Long::sum);
        deoptMethods.merge(where(event) + " (" + event.getString("reason") + ")", 1L, Long::sum);
    }

    private void classLoad(RecordedEvent event) {
        RecordedClass loaded = event.getValue("loadedClass");
        if (loaded == null) {
            return;
        }
        classes++;
        String name = loaded.getName();
        String kind = name.contains("$$Lambda") ? " (lambdas)" : name.contains("/0x") ? " (hidden)" : "";
        int dot = name.lastIndexOf('.');
        classesByPackage.merge((dot < 0 ? "" : name.substring(0, dot)) + kind, 1L, Long::sum);
    }

    /** Where a deoptimisation trapped: method, line, bytecode index and instruction. */
    private static String where(RecordedEvent deopt) {
        return method(deopt.getValue("method")) + " @" + deopt.getValue("lineNumber") + " bci " + deopt.getValue("bci")
                + " " + deopt.getString("instruction");
    }

    private static String method(RecordedMethod method) {
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    private void report(Path file) {
        System.out.printf(
                Locale.ROOT,
                "%n== JIT in %s: %,d compilations, %,d KB of code; %,d deoptimisations; %,d classes loaded%n",
                file,
                compilations,
                compiledBytes / 1024,
                deopts,
                classes);
        bytesByTier.forEach((tier, bytes) -> System.out.printf(
                Locale.ROOT, "  %-12s %,6d compilations %,8d KB%n", tier, compilationsByTier.get(tier), bytes / 1024));
        timeline.report();
        top("deoptimisations by reason / action", deoptReasons, 12);
        top("deoptimisations by method and line", deoptMethods, 15);
        top("methods compiled most often (all tiers)", recompiled, 20);
        topSeconds("C2 compile time by package (compiler threads' wall time, s)", c2NanosByPackage, 12);
        topSeconds("longest compilations (tier, method, machine code; s)", compileNanos, 25);
        top("deoptimisations by the compiled method they invalidated <= where", invalidated(), 25);
        top("classes loaded, by package", classesByPackage, 15);
    }

    private Map<String, Long> invalidated() {
        Map<String, Long> counts = new HashMap<>();
        for (RecordedEvent event : deoptEvents) {
            String root = compiledById.getOrDefault(((Number) event.getValue("compileId")).longValue(), "?");
            counts.merge(
                    root + "  <=  " + where(event) + " " + event.getString("reason") + " / "
                            + event.getString("action"),
                    1L,
                    Long::sum);
        }
        return counts;
    }

    private static void topSeconds(String title, Map<String, Long> nanos, int limit) {
        System.out.println("-- " + title);
        nanos.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %7.2f  %s%n", e.getValue() / 1e9, e.getKey()));
    }

    static void top(String title, Map<String, Long> counts, int limit) {
        System.out.println("-- " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %,7d  %s%n", e.getValue(), e.getKey()));
    }
}
