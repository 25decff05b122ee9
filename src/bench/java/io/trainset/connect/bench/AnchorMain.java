package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An anchor of the deployed benchmark in its own JVM: {@code consumer} (plain, byte[]) or {@code consumer-jackson}
 * (parses every value) reads both topics to their end, then prints
 * {@code RESULT <events> <seconds> <cpu seconds>}: first record to last, and this JVM's CPU over that window.
 * {@code consumer-jackson-warm} reads them twice in the same JVM and reports the second pass: the anchor's steady
 * state, beside Trainset's warm worker. {@code consumer-parquet} ({@link HandWrittenPipeline}, a third argument: the
 * output directory) also joins and writes the rows as Parquet files, and prints
 * {@code RESULT <events> <seconds> <cpu seconds> <kind>=<cpu seconds>|...}: first record to the last file closed,
 * and the window's CPU by thread kind ({@link ThreadKinds}); {@code consumer-parquet-warm} runs it twice, the first
 * pass's files deleted, and reports the second.
 */
public final class AnchorMain {

    private AnchorMain() {}

    public static void main(String[] args) throws IOException {
        String bootstrap = args[0];
        boolean parse = args[1].startsWith("consumer-jackson");
        boolean warm = args[1].endsWith("-warm");
        List<String> topics = List.of(EndToEndBenchmark.ISSUES, EndToEndBenchmark.RESOLUTIONS);
        try (ProcessMeter meter = new ProcessMeter()) {
            ConsumerCeiling consumer = new ConsumerCeiling(bootstrap, topics, EndToEndBenchmark.PARTITIONS, meter);
            if (args[1].startsWith("consumer-parquet")) {
                pipeline(consumer, Path.of(args[2]), warm);
            } else {
                ConsumerCeiling anchor = parse ? consumer.parsing() : consumer;
                if (warm) {
                    anchor.run(0); // the first pass only warms the JVM
                }
                Measurement m = anchor.run(warm ? 1 : 0);
                System.out.printf(Locale.ROOT, "RESULT %d %.3f %.3f%n", m.events(), m.seconds(), m.cpuSeconds());
            }
        }
        System.exit(0);
    }

    private static void pipeline(ConsumerCeiling consumer, Path output, boolean warm) throws IOException {
        if (warm) {
            Path warmUp = output.resolveSibling(output.getFileName() + "-warmup");
            new HandWrittenPipeline(warmUp).run(consumer); // the first pass only warms the JVM
            OutputFiles.deleteRecursively(warmUp);
        }
        HandWrittenPipeline.Result r = new HandWrittenPipeline(output).run(consumer);
        System.out.printf(
                Locale.ROOT,
                "%,d rows in %d files under %s%nRESULT %d %.3f %.3f %s%n",
                r.rows(),
                r.files(),
                output,
                r.events(),
                r.seconds(),
                r.cpuSeconds(),
                threads(r.threads()));
    }

    /** {@code kind=seconds|...}: thread kinds hold spaces, never {@code =} or {@code |}. */
    private static String threads(Map<String, Double> seconds) {
        return seconds.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s=%.3f", e.getKey(), e.getValue()))
                .collect(Collectors.joining("|"));
    }
}
