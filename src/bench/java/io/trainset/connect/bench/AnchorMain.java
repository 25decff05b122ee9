package io.trainset.connect.bench;

import java.util.List;
import java.util.Locale;

/**
 * An anchor of the deployed benchmark in its own JVM: {@code consumer} (plain, byte[]) or {@code consumer-jackson}
 * (parses every value) reads both topics to their end, then prints
 * {@code RESULT <events> <seconds> <cpu seconds>}: first record to last, and this JVM's CPU over that window.
 * {@code consumer-jackson-warm} reads them twice in the same JVM and reports the second pass: the anchor's steady
 * state, beside Trainset's warm worker.
 */
public final class AnchorMain {

    private AnchorMain() {}

    public static void main(String[] args) {
        String bootstrap = args[0];
        boolean parse = args[1].startsWith("consumer-jackson");
        boolean warm = args[1].endsWith("-warm");
        List<String> topics = List.of(EndToEndBenchmark.ISSUES, EndToEndBenchmark.RESOLUTIONS);
        try (ProcessMeter meter = new ProcessMeter()) {
            ConsumerCeiling consumer = new ConsumerCeiling(bootstrap, topics, EndToEndBenchmark.PARTITIONS, meter);
            ConsumerCeiling anchor = parse ? consumer.parsing() : consumer;
            if (warm) {
                anchor.run(0); // the first pass only warms the JVM
            }
            Measurement m = anchor.run(warm ? 1 : 0);
            System.out.printf(Locale.ROOT, "RESULT %d %.3f %.3f%n", m.events(), m.seconds(), m.cpuSeconds());
        }
        System.exit(0);
    }
}
