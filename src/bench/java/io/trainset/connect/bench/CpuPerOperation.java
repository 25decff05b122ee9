package io.trainset.connect.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code -Dbench.suite=cpu}: the thread CPU time per operation of the read-path and join benchmarks'
 * bodies (the JMH classes' own methods and inputs: {@link JoinUnitBenchmark}, and the join in the deployed
 * run's shape, {@link JoinUnitDeployedBenchmark}), and Jackson's floor for the issue bytes. On a
 * machine shared with other builds, JMH's wall-clock figures move with the neighbours; the CPU time
 * of the measuring thread does not count the time it waits for a core. 6 s warm-up, then the median
 * (and min, max) of 7 × 1.5 s per operation.
 */
final class CpuPerOperation {

    private static final JsonFactory JSON = new JsonFactory();
    private static volatile Object sink;

    private CpuPerOperation() {}

    static void run() throws Exception {
        ExtractionBenchmark extraction = new ExtractionBenchmark();
        extraction.setUp();
        JoinUnitBenchmark join = new JoinUnitBenchmark();
        join.lag = 1000;
        join.setUp();
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        byte[][] issues = new byte[1024][];
        for (int i = 0; i < issues.length; i++) {
            issues[i] = BenchTickets.bytes(BenchTickets.submittedJson(i));
        }
        int[] next = {0};
        alternately(
                "issueFromJsonBytes", extraction::issueFromJsonBytes,
                "issueFromJsonBytesJackson", extraction::issueFromJsonBytesJackson);
        alternately(
                "resolutionFromJsonBytes", extraction::resolutionFromJsonBytes,
                "resolutionFromJsonBytesJackson", extraction::resolutionFromJsonBytesJackson);
        measure("issueFromMap", extraction::issueFromMap);
        measure("issueFromStruct", extraction::issueFromStruct);
        measure("acceptIssueAndResolution", () -> {
            join.acceptIssueAndResolution(blackhole);
            return null;
        });
        JoinUnitDeployedBenchmark deployed = new JoinUnitDeployedBenchmark();
        deployed.setUp();
        measure("acceptDeployedShape", () -> {
            deployed.acceptDeployedShape(blackhole);
            return null;
        });
        // One of the deployed run's 4 units at its end (125,000 issues): its first checkpoint is a full one.
        JoinUnitDeployedBenchmark decided = new JoinUnitDeployedBenchmark();
        decided.setUp();
        decided.feed(125_000, blackhole);
        measureFromCold("fullCheckpointListing (125,000 keys)", decided::fullCheckpointListing);
        measure("jackson: parser only", () -> {
            try (JsonParser parser = JSON.createParser(issues[next[0]++ & 1023])) {
                return parser.nextToken();
            }
        });
        measure("jackson: skip the issue", () -> {
            try (JsonParser parser = JSON.createParser(issues[next[0]++ & 1023])) {
                parser.nextToken();
                parser.skipChildren();
                return parser.currentToken();
            }
        });
        measure("jackson: every string read", () -> allStrings(issues[next[0]++ & 1023]));
    }

    private static Object allStrings(byte[] json) throws Exception {
        try (JsonParser parser = JSON.createParser(json)) {
            Object last = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING) {
                    last = parser.getText();
                }
            }
            return last;
        }
    }

    /**
     * Two ways of the same operation (the JSON scanner and Jackson alone, issue 14 session 4), warmed up together,
     * then measured in alternating rounds, so that neither is measured while the JIT catches up on the other.
     */
    private static void alternately(String nameA, Callable<Object> a, String nameB, Callable<Object> b)
            throws Exception {
        long warmUntil = System.nanoTime() + 6_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            repeat(a);
            repeat(b);
        }
        double[][] perOperation = new double[2][7];
        for (int round = 0; round < 7; round++) {
            perOperation[0][round] = round(a);
            perOperation[1][round] = round(b);
        }
        print(nameA, perOperation[0]);
        print(nameB, perOperation[1]);
    }

    private static void measure(String name, Callable<Object> operation) throws Exception {
        long warmUntil = System.nanoTime() + 6_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            repeat(operation);
        }
        double[] perOperation = new double[7];
        for (int round = 0; round < perOperation.length; round++) {
            perOperation[round] = round(operation);
        }
        print(name, perOperation);
    }

    /**
     * The thread CPU time of a long operation (tens of milliseconds): its first call (its code not yet compiled), then,
     * after 20 more calls, the median (min, max) of 7 rounds of 5 calls.
     */
    private static void measureFromCold(String name, Callable<Object> operation) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        sink = operation.call();
        System.out.printf("%-30s CPU ns first call %,d%n", name, threads.getCurrentThreadCpuTime() - before);
        for (int i = 0; i < 20; i++) {
            sink = operation.call();
        }
        double[] perOperation = new double[7];
        for (int round = 0; round < perOperation.length; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 5; i++) {
                sink = operation.call();
            }
            perOperation[round] = (threads.getCurrentThreadCpuTime() - start) / 5.0;
        }
        print(name, perOperation);
    }

    /** The thread CPU time per operation over 1.5 s of it. */
    private static double round(Callable<Object> operation) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long operations = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long until = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < until) {
            repeat(operation);
            operations += 1000;
        }
        return (threads.getCurrentThreadCpuTime() - cpuStart) / (double) operations;
    }

    private static void print(String name, double[] perOperation) {
        Arrays.sort(perOperation);
        System.out.printf(
                "%-30s CPU ns/op median %,.0f (min %,.0f, max %,.0f)%n",
                name, perOperation[3], perOperation[0], perOperation[6]);
    }

    private static void repeat(Callable<Object> operation) throws Exception {
        for (int i = 0; i < 1000; i++) {
            sink = operation.call();
        }
    }
}
