package io.trainset.connect.it;

import io.trainset.connect.testing.Ports;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distributed Connect worker in its own JVM ({@code ConnectDistributed} on the test classpath),
 * joining the same group as the embedded workers, so that a test can kill it the way an operating
 * system or an operator's {@code kill -9} does: {@link #kill()} sends SIGKILL, no task is closed or
 * stopped, no consumer leaves its group.
 */
final class ExternalConnectWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalConnectWorker.class);

    private final Process process;
    private final URI restUrl;
    private final Path log;

    private ExternalConnectWorker(Process process, URI restUrl, Path log) {
        this.process = process;
        this.restUrl = restUrl;
        this.log = log;
    }

    /**
     * Starts a worker with {@code workerProps} (bootstrap servers, group id, internal topics, converters
     * as the embedded workers have them) and waits until its REST API answers as a group member.
     */
    static ExternalConnectWorker start(Map<String, String> workerProps, Path directory, String name)
            throws IOException {
        Files.createDirectories(directory);
        int port = Ports.free();
        Properties props = new Properties();
        props.putAll(workerProps);
        props.setProperty("listeners", "http://127.0.0.1:" + port);
        Path propsFile = directory.resolve(name + ".properties");
        try (Writer writer = Files.newBufferedWriter(propsFile)) {
            props.store(writer, "external Connect worker of a test");
        }
        Path log = directory.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dtrainset.log.level=" + System.getProperty("trainset.log.level", "INFO"),
                "-Dtrainset.log.sinktask=" + System.getProperty("trainset.log.sinktask", "WARN"),
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.kafka.connect.cli.ConnectDistributed",
                propsFile.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ExternalConnectWorker worker =
                new ExternalConnectWorker(process, URI.create("http://127.0.0.1:" + port + "/"), log);
        LOG.info("Started external Connect worker {} (pid {}) at {}, log {}", name, process.pid(), worker.restUrl, log);
        try {
            ConnectClusterFixture.await(
                    "external worker " + name + " serving REST as a group member",
                    Duration.ofSeconds(90),
                    worker::answers);
        } catch (AssertionError e) {
            worker.kill();
            throw e;
        }
        return worker;
    }

    private boolean answers() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("External worker exited with " + process.exitValue() + "; see " + log);
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(restUrl.resolve("connectors"))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200;
    }

    long pid() {
        return process.pid();
    }

    /** The worker id Connect reports in a status ({@code host:port} of its REST listener). */
    String workerId() {
        return restUrl.getHost() + ":" + restUrl.getPort();
    }

    /** How many unit commits the worker's tasks logged so far. */
    long commitsLogged() throws IOException {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("i.t.c.p.UnitOutput") && line.contains(": commit "))
                    .count();
        }
    }

    /** SIGKILL: the JVM ends at once, its tasks neither closed nor stopped. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Killed external Connect worker (pid {}, exit {})", process.pid(), process.exitValue());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
