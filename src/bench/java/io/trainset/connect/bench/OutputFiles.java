package io.trainset.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/** What a run wrote under its output directory (local, or the S3 server's store): files, rows, when. */
final class OutputFiles {

    /** Files written under a prefix: how many, their bytes, the latest modification time. */
    record Written(long files, long bytes, long lastModifiedMs) {}

    /** Trainset's data files; Flink's are {@code part-*} (in-progress ones start with a dot). */
    static final Predicate<String> TRAINSET_FILES = name -> name.endsWith(".parquet");

    static final Predicate<String> FLINK_FILES = name -> name.startsWith("part-");

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputFiles() {}

    /** Rows in committed files, from the writers' dataset card parts (each part counts its own files). */
    static long committedRows(Path output) {
        Path parts = output.resolve("_trainset").resolve("parts");
        if (!Files.isDirectory(parts)) {
            return 0;
        }
        long rows = 0;
        try (Stream<Path> files = Files.list(parts)) {
            for (Path part : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (JsonNode cell : JSON.readTree(part.toFile()).path("cells")) {
                    rows += cell.path("rows").asLong();
                }
            }
            return rows;
        } catch (IOException e) {
            return -1; // a part being rewritten: not yet
        }
    }

    /** Trainset's Parquet files under {@code output}. */
    static Written written(Path output) throws IOException {
        return files(output, TRAINSET_FILES);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Rows in the Parquet files under {@code dir} whose names match, from their footers. */
    static long parquetRows(Path dir, Predicate<String> names) throws IOException {
        long rows = 0;
        for (Path file : matching(dir, names)) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                rows += reader.getRecordCount();
            }
        }
        return rows;
    }

    /** The files under {@code dir} whose names match: how many, their bytes, the latest modification. */
    static Written files(Path dir, Predicate<String> names) throws IOException {
        long bytes = 0;
        long last = 0;
        List<Path> files = matching(dir, names);
        for (Path file : files) {
            bytes += Files.size(file);
            last = Math.max(last, Files.getLastModifiedTime(file).toMillis());
        }
        return new Written(files.size(), bytes, last);
    }

    private static List<Path> matching(Path dir, Predicate<String> names) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(p -> Files.isRegularFile(p)
                                && names.test(p.getFileName().toString()))
                        .toList();
            } catch (UncheckedIOException e) {
                if (attempt == 5) {
                    throw e; // a writer renames its temporary files while we walk: look again
                }
            }
        }
    }
}
