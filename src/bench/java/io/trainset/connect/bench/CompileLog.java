package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's {@code -XX:+PrintCompilation} lines (its {@code worker.log}) split at the measured window's start, in
 * JVM uptime ({@link WorkerProfile#uptimeMs}): the window's C2 (tier 4) compilations of methods C2 had compiled before
 * it, <em>recompiles</em> (their code was thrown away: deoptimisation churn), and of methods C2 compiles for the
 * first time (the warm-up going on), by package, and the C2 code made not entrant in the window. JFR cannot tell the
 * two apart: its recording starts with the window.
 */
final class CompileLog {

    private static final Pattern LINE =
            Pattern.compile("^\\s*(\\d+)\\s+\\d+ .{5}\\s+(\\d)\\s+(\\S+::\\S+).*?(made not entrant|made zombie)?\\s*$");

    private final Set<String> compiledBefore = new HashSet<>();
    private final Map<String, Long> recompiles = new HashMap<>();
    private final Map<String, Long> firstTime = new HashMap<>();
    private final Map<String, Long> notEntrant = new HashMap<>();

    static void print(Path workerLog, long windowStartMs) throws IOException {
        CompileLog log = new CompileLog();
        List<String> lines = Files.readAllLines(workerLog, StandardCharsets.ISO_8859_1);
        lines.forEach(line -> log.add(line, windowStartMs));
        log.report(windowStartMs);
    }

    private void add(String line, long windowStartMs) {
        Matcher m = LINE.matcher(line);
        if (!m.matches() || !"4".equals(m.group(2)) || "made zombie".equals(m.group(4))) {
            return;
        }
        boolean inWindow = Long.parseLong(m.group(1)) >= windowStartMs;
        String method = m.group(3);
        if (m.group(4) != null) {
            if (inWindow) {
                notEntrant.merge(method, 1L, Long::sum);
            }
        } else if (!inWindow) {
            compiledBefore.add(method);
        } else {
            (compiledBefore.contains(method) ? recompiles : firstTime).merge(packageOf(method), 1L, Long::sum);
        }
    }

    private static String packageOf(String method) {
        String[] parts = method.substring(0, method.indexOf("::")).split("\\.");
        return String.join(".", List.of(parts).subList(0, Math.min(3, parts.length - 1)));
    }

    private void report(long windowStartMs) {
        System.out.printf(
                Locale.ROOT,
                "%n== C2 compilations from JVM uptime %,d ms (PrintCompilation): %,d recompiles of methods C2 compiled"
                        + " before, %,d first-time; %,d C2 methods made not entrant%n",
                windowStartMs,
                sum(recompiles),
                sum(firstTime),
                sum(notEntrant));
        JitSummary.top("recompiles by package", recompiles, 10);
        JitSummary.top("first-time C2 compilations by package", firstTime, 10);
        JitSummary.top("C2 code made not entrant in the window, by method", notEntrant, 20);
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
