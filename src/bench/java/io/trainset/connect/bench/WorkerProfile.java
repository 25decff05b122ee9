package io.trainset.connect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opt-in profiling of the deployed benchmark's stock worker: extra JVM flags for it ({@code bench.worker.jvm}, e.g.
 * {@code -XX:+PrintCompilation}, whose lines go to the run's {@code worker.log}), and a JFR recording of its round-1
 * runs ({@code bench.worker.jfr=<file>}: one file per run, the run's name before the extension; every round's with
 * {@code bench.worker.jfr.rounds=all}, a system property of the bench's JVM, e.g. through {@code bench.jvm}), started
 * with {@code jcmd} just before the connector is created and dumped once its last file is committed, so it covers
 * what the CPU figure covers. The recording uses the JDK's {@code profile} settings plus every compilation (not only
 * those over 100 ms) and every class loaded, for {@link JitSummary}. An S3 run's S3 server is recorded over the same
 * window into a file of its own ({@code -s3} before the extension), so a slow round can be told apart from a slow
 * server.
 */
final class WorkerProfile {

    private static final String NAME = "trainset-bench";

    /** Processes whose first recording was primed (see {@link #prime}): the S3 server lives for the whole run. */
    private static final Set<Long> PRIMED = ConcurrentHashMap.newKeySet();

    private final Optional<Path> jfr;
    private final boolean everyRound;
    private final List<String> jvmFlags;

    private WorkerProfile(Optional<Path> jfr, boolean everyRound, List<String> jvmFlags) {
        this.jfr = jfr;
        this.everyRound = everyRound;
        this.jvmFlags = jvmFlags;
    }

    static WorkerProfile fromSystemProperties() {
        return new WorkerProfile(
                Optional.of(System.getProperty("bench.worker.jfr", ""))
                        .filter(s -> !s.isBlank())
                        .map(s -> Path.of(s).toAbsolutePath()),
                System.getProperty("bench.worker.jfr.rounds", "1").equals("all"),
                Arrays.stream(System.getProperty("bench.worker.jvm", "").trim().split("\\s+"))
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    List<String> jvmFlags() {
        return jvmFlags;
    }

    /** Where run {@code name} (round {@code round}) is recorded, if it is. */
    Optional<Path> recordingOf(String name, int round) {
        if (round != 1 && !everyRound) {
            return Optional.empty();
        }
        return jfr.map(file -> {
            String base = file.getFileName().toString().replaceFirst("\\.jfr$", "");
            return file.resolveSibling(base + "-" + name + ".jfr");
        });
    }

    static void start(long pid, Path recording, Path work) throws IOException {
        Files.createDirectories(recording.getParent());
        startRecording(pid, work);
    }

    /** Starts recording the S3 server too (its first recording primed, as {@link #prime} says). */
    static void startWithServer(long pid, long serverPid, Path recording, Path work) throws IOException {
        if (PRIMED.add(serverPid)) {
            prime(serverPid, work);
        }
        start(pid, recording, work);
        startRecording(serverPid, work);
    }

    /** Writes both recordings and summarises them. */
    static void stopWithServer(long pid, long serverPid, Path recording) throws IOException {
        Path server = serverRecording(recording);
        jcmd(serverPid, "JFR.dump", "name=" + NAME, "filename=" + server);
        jcmd(serverPid, "JFR.stop", "name=" + NAME);
        stop(pid, recording);
        JfrSummary.print(server, "S3Proxy");
    }

    static Path serverRecording(Path recording) {
        return recording.resolveSibling(recording.getFileName().toString().replaceFirst("\\.jfr$", "") + "-s3.jfr");
    }

    /**
     * Starts and stops a recording before a warm run's warm-up. On JDK 17 the first recording started in a running
     * JVM retransforms classes (the JDK classes JFR instruments), and a JVM's first class redefinition throws away
     * every compiled method (until then it has not recorded the dependencies a targeted invalidation needs): started
     * only after the warm-up, JFR itself made the measured connector run on a cold JIT (5,763 methods made not
     * entrant at once, 5,800 compilations in the window). Primed here, later starts invalidate only the code that
     * inlined the instrumented classes' methods.
     */
    static void prime(long pid, Path work) throws IOException {
        startRecording(pid, work);
        jcmd(pid, "JFR.stop", "name=" + NAME);
    }

    private static void startRecording(long pid, Path work) throws IOException {
        Path settings = work.resolve("worker-profile.jfc");
        Files.writeString(settings, settings());
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=" + settings);
    }

    /** Writes the recording and summarises it. */
    static void stop(long pid, Path recording) throws IOException {
        jcmd(pid, "JFR.dump", "name=" + NAME, "filename=" + recording);
        jcmd(pid, "JFR.stop", "name=" + NAME);
        JfrSummary.print(recording, "task-thread-");
        JitSummary.print(recording);
    }

    /** The JDK's profile settings, with every compilation and every class load recorded. */
    private static String settings() throws IOException {
        String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
        return profile.replace(
                        "<setting name=\"threshold\" control=\"compiler-compilation-threshold\">100 ms</setting>",
                        "<setting name=\"threshold\">0 ms</setting>")
                .replace(
                        "<setting name=\"enabled\" control=\"class-loading\">false</setting>",
                        "<setting name=\"enabled\">true</setting>");
    }

    /** Whether the worker prints its compilations ({@code -XX:+PrintCompilation}), for {@link CompileLog}. */
    boolean printsCompilations() {
        return jvmFlags.contains("-XX:+PrintCompilation");
    }

    /** The worker JVM's uptime in ms ({@code jcmd VM.uptime}), PrintCompilation's clock. */
    static long uptimeMs(long pid) throws IOException {
        String output = jcmd(pid, "VM.uptime");
        Matcher seconds = Pattern.compile("(\\d+)[.,](\\d{3}) s").matcher(output);
        if (!seconds.find()) {
            throw new IllegalStateException("jcmd VM.uptime printed no uptime: " + output);
        }
        return Long.parseLong(seconds.group(1)) * 1000 + Long.parseLong(seconds.group(2));
    }

    private static String jcmd(long pid, String... command) throws IOException {
        List<String> args = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " took over 120 s");
            }
            String output = new String(process.getInputStream().readAllBytes());
            if (process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted while running jcmd", e));
        }
    }
}
