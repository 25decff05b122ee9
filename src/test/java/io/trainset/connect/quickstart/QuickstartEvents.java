package io.trainset.connect.quickstart;

import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the quickstart produces: 3000 generated support tickets over 2.5 days of event time, as Kafka records. */
final class QuickstartEvents {

    private static final int TICKETS = 3000;
    private static final long DAY = Quickstart.DAY;

    /** One record, produced in {@code arrivalMs} order (the event time at which it would reach Kafka live). */
    record Outgoing(long arrivalMs, boolean early, ProducerRecord<String, String> record) {}

    private QuickstartEvents() {}

    /** 3000 generated tickets, one every ~72 s over 2.5 days from {@code firstMs}; every 8th never resolved. */
    static List<Ticket> tickets(long firstMs) {
        Random jitter = new Random(7);
        long spacing = (long) (2.5 * DAY) / TICKETS;
        List<Ticket> tickets = new ArrayList<>(TICKETS);
        for (Ticket t : SupportTickets.generate(TICKETS, 0, 8, 42)) {
            long submitted = firstMs + t.submittedAtMs() / 1000 * spacing + jitter.nextInt((int) spacing / 2);
            tickets.add(new Ticket(
                    t.key(),
                    t.title(),
                    t.description(),
                    t.product(),
                    t.priority(),
                    t.tier(),
                    t.department(),
                    submitted,
                    submitted + t.resolvedAtMs() - t.submittedAtMs()));
        }
        return tickets;
    }

    /** Issues when submitted, resolutions 1-61 minutes later; about one in six resolutions arrives first. */
    static List<Outgoing> events(List<Ticket> tickets) {
        Random early = new Random(11);
        List<Outgoing> events = new ArrayList<>();
        for (Ticket t : tickets) {
            events.add(new Outgoing(
                    t.submittedAtMs(),
                    false,
                    new ProducerRecord<>(Quickstart.ISSUES, null, t.submittedAtMs(), t.key(), t.issueJson())));
            if (t.resolved()) {
                boolean first = early.nextInt(6) == 0;
                events.add(new Outgoing(
                        first ? t.submittedAtMs() - 1 : t.resolvedAtMs(),
                        first,
                        new ProducerRecord<>(
                                Quickstart.RESOLUTIONS, null, t.resolvedAtMs(), t.key(), t.resolutionJson())));
            }
        }
        events.sort(Comparator.comparingLong(Outgoing::arrivalMs));
        return events;
    }
}
