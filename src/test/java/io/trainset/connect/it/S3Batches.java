package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What the S3 integration tests do with the tickets: send a batch, then wait until the rows are in a store. */
final class S3Batches {

    static final long DAY = SupportRoutingEnvironment.DAY;

    /** Files close within 2 s: the rows reach the store while the test watches. */
    static final Map<String, String> QUICK_FILES = Map.of(
            "join.window.after.ms",
            String.valueOf(DAY),
            "join.grace.ms",
            "0",
            "flush.size",
            "1000",
            "rotate.interval.ms",
            "2000");

    private S3Batches() {}

    /** {@code count} tickets of batch {@code batch} (20 days apart), sent, and event time moved past their windows. */
    static List<Ticket> send(SupportRoutingEnvironment env, int batch, int count) {
        long start = SupportRoutingEnvironment.T0 + batch * 20 * DAY;
        List<Ticket> tickets = SupportTickets.generate(count * (batch + 1), start, 1000, 11)
                .subList(count * batch, count * (batch + 1));
        env.connect.sendAll(SupportRoutingEnvironment.records(tickets));
        env.advanceEventTime(start + 10 * DAY);
        return tickets;
    }

    /** Waits until {@code rows} reads every ticket once (the clock's keys aside), and returns the rows by key. */
    static Map<Object, ReadRow> awaitRows(
            List<Ticket> sent, String where, Function<String, List<ReadRow>> rows, String prefix) {
        List<ReadRow> read =
                ConnectClusterFixture.await(sent.size() + " issues under " + where, Duration.ofSeconds(60), () -> {
                    List<ReadRow> issues = rows.apply(prefix).stream()
                            .filter(r -> String.valueOf(r.columns().get("key")).startsWith("ISSUE-"))
                            .toList();
                    return issues.size() >= sent.size() ? issues : null;
                });
        assertThat(read)
                .extracting(r -> r.columns().get("key"))
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(Ticket::key).toList());
        return read.stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.columns().get("key"), r -> r));
    }
}
