package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An anchor of the deployed benchmark ({@link AnchorMain}) in a fresh JVM with the worker's stock flags: the
 * consumers, and the hand-written pipeline ({@link HandWrittenPipeline}) whose rows are counted from its files'
 * footers, as Flink's and Trainset's are.
 */
final class AnchorRun {

    private final DeployedBenchmark.Setup setup;

    AnchorRun(DeployedBenchmark.Setup setup) {
        this.setup = setup;
    }

    /** {@code consumer}, {@code consumer-jackson} or {@code consumer-jackson-warm}. */
    DeployedResult consumer(String config, int round, double load) throws IOException {
        return result(config, round, start(config, round, List.of()).split(" "), 0, load, Map.of());
    }

    /** {@code consumer-parquet} or {@code consumer-parquet-warm}: with its rows and its CPU by thread kind. */
    DeployedResult handWritten(String config, int round, double load) throws IOException {
        Path output = setup.dir().resolve(config + "-r" + round).resolve("out");
        String[] fields = start(config, round, List.of(output.toString())).split(" ", 4);
        long rows = OutputFiles.parquetRows(output, OutputFiles.TRAINSET_FILES);
        OutputFiles.Written written = OutputFiles.files(output, OutputFiles.TRAINSET_FILES);
        System.out.printf(
                Locale.ROOT, "%s r%d: %d files, %.1f MB%n", config, round, written.files(), written.bytes() / 1e6);
        OutputFiles.deleteRecursively(output);
        return result(config, round, fields, rows, load, threads(fields[3]));
    }

    /** The result from {@code RESULT <events> <seconds> <cpu seconds> ...}. */
    private static DeployedResult result(
            String config, int round, String[] fields, long rows, double load, Map<String, Double> threads) {
        return new DeployedResult(
                config,
                round,
                Long.parseLong(fields[0]),
                Double.parseDouble(fields[1]),
                Double.NaN,
                Double.parseDouble(fields[2]),
                0,
                rows,
                load,
                threads,
                Double.NaN);
    }

    private String start(String config, int round, List<String> more) throws IOException {
        List<String> args = new ArrayList<>(List.of(setup.bootstrap(), config));
        args.addAll(more);
        ChildJvm jvm = ChildJvm.start(
                config + "-r" + round,
                setup.dir(),
                ChildJvm.benchClasspath(),
                WorkerRun.STOCK_JVM,
                AnchorMain.class.getName(),
                args);
        return jvm.awaitResult();
    }

    /** {@code kind=seconds|...} as {@link AnchorMain} prints it. */
    private static Map<String, Double> threads(String field) {
        Map<String, Double> seconds = new HashMap<>();
        for (String kind : field.split("\\|")) {
            String[] pair = kind.split("=");
            seconds.put(pair[0], Double.parseDouble(pair[1]));
        }
        return ThreadKinds.largestFirst(seconds);
    }
}
