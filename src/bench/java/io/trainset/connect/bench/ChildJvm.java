package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process of the deployed benchmark in its own JVM (broker, S3 server, a consumer, the Flink pipeline), its
 * output in a log file. A child prints {@code READY <address>} when it serves and {@code RESULT <fields>} when it
 * finished its measured work; it ends when its standard input closes, so none outlives the benchmark.
 */
final class ChildJvm implements AutoCloseable {

    private static final long TIMEOUT_MS = 30 * 60_000L;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code main} with a classpath, JVM arguments and {@code args}; output to {@code <dir>/<name>.log}. */
    static ChildJvm start(String name, Path dir, String classpath, List<String> jvmArgs, String main, List<String> args)
            throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, main));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ChildJvm(name, process, log);
    }

    /** The bench's own classpath (test classes, the project's and the test kit's jars). */
    static String benchClasspath() {
        return System.getProperty("java.class.path");
    }

    long pid() {
        return process.pid();
    }

    /** The text after {@code READY } once the child printed it. */
    String awaitReady() throws IOException {
        return awaitLine("READY ");
    }

    /** The fields after {@code RESULT } once the child printed them; then waits for it to end. */
    String awaitResult() throws IOException {
        String result = awaitLine("RESULT ");
        close();
        return result;
    }

    private String awaitLine(String prefix) throws IOException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<String> line = line(prefix);
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                line = line(prefix);
                return line.orElseThrow(() -> new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before " + prefix.trim() + "; see " + log));
            }
            sleep(50);
        }
        throw new IllegalStateException(name + " printed no " + prefix.trim() + " in time; see " + log);
    }

    /** The first complete line (ended by a newline: the child may be writing the last one) with the prefix. */
    private Optional<String> line(String prefix) throws IOException {
        String text = Files.readString(log);
        return text.substring(0, text.lastIndexOf('\n') + 1)
                .lines()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .findFirst();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
