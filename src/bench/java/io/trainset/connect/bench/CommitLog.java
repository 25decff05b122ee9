package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A run's commits as the worker logged them ({@code UnitOutput}'s INFO line per commit: unit, files, rows, how
 * long from the commit's start to its publish), placed on the run's clock (seconds after its first record read):
 * how many commits, files per commit, their durations, and when each round of them ended. A run's end is its last
 * commit, and commits follow file rotation ({@code rotate.interval.ms} after a file opened), so the end of a run
 * falls on that grid: this shows which rotation the last records made and how long the commits at each took.
 */
final class CommitLog {

    /** One logged commit: which unit, its files and rows, how long it took, when it ended (epoch ms). */
    record Commit(int unit, int files, long rows, long ms, long endMs) {}

    private static final Pattern COMMIT = Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*Unit (\\d+): commit \\d+ with (\\d+) files and (\\d+) rows in (\\d+) ms");
    /** {@code UnitOutput}'s INFO line when a unit's rows stopped for rotate.inactivity.ms: the files it finishes. */
    private static final Pattern IDLE_FINISH =
            Pattern.compile("Unit \\d+: no row for \\d+ ms .*finishing its (\\d+) open files");
    /**
     * {@code UnitOutput}'s INFO line when a unit is closed with rows not yet committed (its partitions revoked by a
     * rebalance, or the task stopped): those rows' events are read again by the partitions' next owner.
     */
    private static final Pattern DISCARDED =
            Pattern.compile("Unit \\d+ output closed: discarded ([1-9]\\d*) uncommitted rows");

    private CommitLog() {}

    static List<Commit> read(Path workerLog) throws IOException {
        LocalDate today = LocalDate.now(ZoneId.systemDefault());
        List<Commit> commits = new ArrayList<>();
        for (String line : Files.readAllLines(workerLog)) {
            Matcher m = COMMIT.matcher(line);
            if (m.find()) {
                long end = LocalTime.parse(m.group(1))
                        .atDate(today)
                        .atZone(ZoneId.systemDefault())
                        .toInstant()
                        .toEpochMilli();
                commits.add(new Commit(
                        Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)),
                        Long.parseLong(m.group(4)),
                        Long.parseLong(m.group(5)),
                        end));
            }
        }
        return commits;
    }

    /**
     * Prints the commits of the run named {@code run} (before the run's own line: a warm run's log also holds its
     * warm-up's commits, at negative times) of {@code events} whose first record was read at {@code firstMs} and last at
     * {@code lastMs}, and its events/s without the wait for the rotation: from the first record read to the last,
     * plus the last commit's own duration (what a bounded job, such as the Flink anchor, pays at its end: it commits
     * when its input ends instead of at the next rotation). Returns the last commit's duration in ms, -1 when the
     * log or the probe does not tell.
     */
    static long print(String run, Path workerLog, long events, long firstMs, long lastMs) throws IOException {
        List<Commit> commits = read(workerLog);
        if (commits.isEmpty() || firstMs == 0 || lastMs == 0) {
            return -1;
        }
        Commit last =
                commits.stream().max(Comparator.comparingLong(Commit::endMs)).orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "%s (printed before its run's line): %,.0f events/s read and committed without the wait for the rotation"
                        + " (last record read at %.1f s,"
                        + " last commit %d ms); commits: %d, files per commit %s, ms per commit %s; finished for"
                        + " inactivity: %s; closed with uncommitted rows (read again): %s; commits ended at (s after"
                        + " the first record read, ms each): %s%n",
                run,
                events / ((lastMs - firstMs + last.ms()) / 1000.0),
                (lastMs - firstMs) / 1000.0,
                last.ms(),
                commits.size(),
                spread(commits.stream().mapToLong(Commit::files).sorted().toArray()),
                spread(commits.stream().mapToLong(Commit::ms).sorted().toArray()),
                count(workerLog, IDLE_FINISH, "files"),
                count(workerLog, DISCARDED, "rows"),
                commits.stream()
                        .map(c -> String.format(Locale.ROOT, "%.1f (%d)", (c.endMs() - firstMs) / 1000.0, c.ms()))
                        .collect(Collectors.joining(", ")));
        return last.ms();
    }

    /** How many lines of the log match {@code line}, and the sum of its first group: "N times, S what". */
    private static String count(Path workerLog, Pattern line, String what) throws IOException {
        int times = 0;
        long sum = 0;
        for (String text : Files.readAllLines(workerLog)) {
            Matcher m = line.matcher(text);
            if (m.find()) {
                times++;
                sum += Long.parseLong(m.group(1));
            }
        }
        return times + " times, " + sum + " " + what;
    }

    private static String spread(long[] sorted) {
        return sorted[0] + "/" + sorted[sorted.length / 2] + "/" + sorted[sorted.length - 1];
    }
}
