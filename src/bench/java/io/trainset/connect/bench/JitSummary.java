package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
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
    }

    private void deoptimization(RecordedEvent event) {
        deopts++;
        deoptReasons.merge(event.getString("reason") + " / " + event.getString("action"), 1L, Long::sum);
        deoptMethods.merge(
                method(event.getValue("method")) + " @" + event.getValue("lineNumber") + " ("
                        + event.getString("reason") + ")",
                1L,
                Long::sum);
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
        top("deoptimisations by reason / action", deoptReasons, 12);
        top("deoptimisations by method and line", deoptMethods, 25);
        top("methods compiled most often (all tiers)", recompiled, 20);
        top("classes loaded, by package", classesByPackage, 15);
    }

    private static void top(String title, Map<String, Long> counts, int limit) {
        System.out.println("-- " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %,7d  %s%n", e.getValue(), e.getKey()));
    }
}
