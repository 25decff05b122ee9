package io.trainset.connect.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.awaitility.Awaitility;

/**
 * A stock Kafka Connect worker of any release, in standalone mode, in its own JVM: the worker's jars come from
 * Maven Central ({@code src/test/compat/pom.xml}, resolved once per release into {@code target/compat/}), the
 * plugin is installed as users install it (the built zip unpacked into {@code plugin.path}, with the worker's
 * classloader isolation), and the connector is created over REST with JSON. Its output goes to
 * {@code <work>/worker.log}.
 */
public final class StandaloneWorker implements AutoCloseable {

    private static final Path COMPAT_POM = Path.of("src", "test", "compat", "pom.xml");
    private static final Duration REST_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final URI rest;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(REST_TIMEOUT).build();

    private StandaloneWorker(Process process, URI rest, Path log) {
        this.process = process;
        this.rest = rest;
        this.log = log;
    }

    /**
     * Starts a worker of Kafka {@code kafkaVersion} against {@code bootstrapServers}, with the plugin zip installed,
     * and returns once its REST API answers.
     */
    public static StandaloneWorker start(String kafkaVersion, String bootstrapServers, Path pluginZip, Path work)
            throws IOException {
        return start(kafkaVersion, bootstrapServers, pluginZip, work, List.of());
    }

    /** As above, the worker's JVM started with {@code jvmArgs} too (e.g. a JMX remote port). */
    public static StandaloneWorker start(
            String kafkaVersion, String bootstrapServers, Path pluginZip, Path work, List<String> jvmArgs)
            throws IOException {
        Path pluginPath = Files.createDirectories(work.resolve("plugins"));
        unzip(pluginZip, pluginPath);
        int port = Ports.free();
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.setProperty("listeners", "http://127.0.0.1:" + port);
        props.setProperty("plugin.path", pluginPath.toAbsolutePath().toString());
        props.setProperty(
                "offset.storage.file.filename",
                work.resolve("offsets").toAbsolutePath().toString());
        props.setProperty("offset.flush.interval.ms", "1000");
        props.setProperty("plugin.discovery", "service_load"); // since Kafka 3.6; the plugin ships its manifests
        props.setProperty("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.setProperty("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        Path workerProps = work.resolve("worker.properties");
        try (var out = Files.newBufferedWriter(workerProps)) {
            props.store(out, "Kafka " + kafkaVersion + " standalone worker for a compatibility test");
        }
        Path log = work.resolve("worker.log");
        List<String> command =
                new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", loggingProperty(kafkaVersion, work)));
        command.addAll(jvmArgs);
        command.addAll(List.of(
                "-cp",
                classpath(kafkaVersion, work),
                "org.apache.kafka.connect.cli.ConnectStandalone",
                workerProps.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        StandaloneWorker worker = new StandaloneWorker(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            Awaitility.await("Kafka " + kafkaVersion + " worker's REST API (log: " + log + ")")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> worker.isAnswering() || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka " + kafkaVersion + " worker exited with " + process.exitValue()
                        + "; its output:\n" + worker.logText());
            }
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    /** Sends a REST request with a JSON body (or none) and returns the status and body. */
    public HttpResponse<String> rest(String method, String path, String json) {
        HttpRequest.BodyPublisher body =
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        HttpRequest request = HttpRequest.newBuilder(rest.resolve(path))
                .timeout(REST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, body)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** What the worker printed so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last {@code lines} lines the worker printed. */
    public String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private boolean isAnswering() {
        try {
            return rest("GET", "/", null).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** The worker's classpath, resolved from Maven Central by a nested Maven run once per release and cached. */
    private static String classpath(String kafkaVersion, Path work) throws IOException {
        Path cached = Path.of("target", "compat", "kafka-" + kafkaVersion + ".classpath")
                .toAbsolutePath();
        if (!Files.exists(cached)) {
            Files.createDirectories(cached.getParent());
            Path mavenLog = work.resolve("resolve-" + kafkaVersion + ".log");
            List<String> command = List.of(
                    mavenExecutable(),
                    "-B",
                    "-ntp",
                    "-q",
                    "-f",
                    COMPAT_POM.toString(),
                    "dependency:build-classpath",
                    "-Dkafka.version=" + kafkaVersion,
                    "-Dcompat.logging=" + (kafkaVersion.startsWith("3.") ? "reload4j" : "log4j2"),
                    "-Dmdep.outputFile=" + cached);
            Process maven = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(mavenLog.toFile())
                    .start();
            int exit = waitFor(maven, Duration.ofMinutes(5));
            if (exit != 0 || !Files.exists(cached)) {
                throw new IllegalStateException("Could not resolve the Kafka " + kafkaVersion + " worker's jars with "
                        + String.join(" ", command) + " (exit " + exit + "):\n" + Files.readString(mavenLog));
            }
        }
        return Files.readString(cached).trim();
    }

    private static int waitFor(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** The Maven that runs this build ({@code maven.home}, passed by failsafe), else {@code mvn} on the PATH. */
    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        return home == null || home.isBlank()
                ? "mvn"
                : Path.of(home, "bin", "mvn").toString();
    }

    /**
     * Console logging at INFO (WARN for the Kafka clients): Kafka 4 workers log with Log4j 2, Kafka 3 workers with
     * reload4j (Log4j 1 properties).
     */
    private static String loggingProperty(String kafkaVersion, Path work) throws IOException {
        if (kafkaVersion.startsWith("3.")) {
            Path config = work.resolve("log4j.properties");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "log4j.rootLogger=INFO, stdout",
                            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                            "log4j.appender.stdout.layout.ConversionPattern=%d{HH:mm:ss.SSS} %-5p [%t] %c - %m%n",
                            "log4j.logger.org.apache.kafka.clients=INFO",
                            "log4j.logger.io.trainset=DEBUG",
                            ""));
            return "-Dlog4j.configuration=" + config.toUri();
        }
        Path config = work.resolve("log4j2.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "appender.out.type=Console",
                        "appender.out.name=out",
                        "appender.out.layout.type=PatternLayout",
                        "appender.out.layout.pattern=%d{HH:mm:ss.SSS} %-5p [%t] %c - %m%n",
                        "rootLogger.level=INFO",
                        "rootLogger.appenderRef.out.ref=out",
                        "logger.clients.name=org.apache.kafka.clients",
                        "logger.clients.level=INFO",
                        "logger.trainset.name=io.trainset",
                        "logger.trainset.level=DEBUG",
                        ""));
        return "-Dlog4j2.configurationFile=" + config.toUri();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("Zip entry " + entry.getName() + " would leave " + target);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(entries, file);
                }
            }
        }
    }
}
