package io.trainset.connect.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * DuckDB, an independent reader, run on a dataset directory through {@code tools/readers}
 * ({@code npm ci --prefix tools/readers} installs it; .ci/run does). Returns its JSON summary, or
 * empty when Node.js or the package is not installed here; with {@code TRAINSET_REQUIRE_READERS=1}
 * (set by .ci/run) a missing reader is an error instead.
 */
public final class DuckDbReader {

    private static final Path TOOLS = Path.of("tools", "readers");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DuckDbReader() {}

    /** {"counts": {"split|label": rows}, "columns": ["name:TYPE"], "files": n} as DuckDB reads the directory. */
    public static Optional<JsonNode> summary(Path datasetDirectory) throws IOException, InterruptedException {
        if (!Files.isDirectory(TOOLS.resolve("node_modules").resolve("@duckdb"))) {
            if ("1".equals(System.getenv("TRAINSET_REQUIRE_READERS"))) {
                throw new IllegalStateException(
                        "DuckDB is not installed for the reader check: run " + "'npm ci --prefix tools/readers' first");
            }
            return Optional.empty();
        }
        Process process = new ProcessBuilder(
                        "node",
                        "duckdb-summary.mjs",
                        datasetDirectory.toAbsolutePath().toString())
                .directory(TOOLS.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("DuckDB could not read " + datasetDirectory + ": " + output);
        }
        return Optional.of(JSON.readTree(output.substring(output.indexOf('{'))));
    }
}
