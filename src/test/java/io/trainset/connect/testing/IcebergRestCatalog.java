package io.trainset.connect.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Iceberg's REST catalog server ({@code RESTCatalogServer} from {@code iceberg-open-api}'s test fixtures) in a child
 * JVM on a free port, so its Jetty never meets Connect's: its classpath is {@code tools/iceberg-rest}'s, which
 * {@code mvn -f tools/iceberg-rest/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt}
 * resolves from Maven Central (.ci/run does). Behind the protocol the server keeps its tables in a JDBC catalog
 * configured by the properties given to {@link #start}, passed as the fixture reads them ({@code CATALOG_<KEY>}
 * environment variables, '.' as '_', '-' as '__'). Its output goes to {@code rest-catalog.log} in the working
 * directory given.
 */
public final class IcebergRestCatalog implements AutoCloseable {

    private static final Path CLASSPATH = Path.of("tools", "iceberg-rest", "target", "classpath.txt");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI uri;

    private IcebergRestCatalog(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts the server with the back-end catalog's {@code properties} and waits until it answers. */
    public static IcebergRestCatalog start(Path workDirectory, Map<String, String> properties)
            throws IOException, InterruptedException {
        ToolClasspath.ensure(CLASSPATH.getParent().getParent());
        int port = Ports.free();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        Files.readString(CLASSPATH).trim(),
                        "org.apache.iceberg.rest.RESTCatalogServer")
                .redirectErrorStream(true)
                .redirectOutput(workDirectory.resolve("rest-catalog.log").toFile());
        builder.environment().put("CATALOG_REST_PORT", String.valueOf(port));
        properties.forEach((key, value) -> builder.environment().put(environmentName(key), value));
        IcebergRestCatalog server = new IcebergRestCatalog(builder.start(), URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitAnswer(workDirectory);
        } catch (RuntimeException | IOException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The server's base URI, the catalog property {@code uri} of a REST catalog client. */
    public URI uri() {
        return uri;
    }

    private void awaitAnswer(Path workDirectory) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest config = HttpRequest.newBuilder(uri.resolve("/v1/config"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the REST catalog server exited with " + process.exitValue() + ": "
                        + Files.readString(workDirectory.resolve("rest-catalog.log")));
            }
            try {
                if (http.send(config, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet: the child JVM is starting
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("the REST catalog server did not answer on " + uri + " within " + START_TIMEOUT
                + ": " + Files.readString(workDirectory.resolve("rest-catalog.log")));
    }

    private static String environmentName(String key) {
        return "CATALOG_" + key.replace("-", "__").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
