package io.trainset.connect.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic, reproducible support issues and their resolutions: the text of an issue depends on the
 * department that resolves it (with some noise), so a model can learn to route; some issues are never
 * resolved.
 */
public final class SupportTickets {

    public static final List<String> DEPARTMENTS = List.of("billing", "technical", "accounts", "shipping");
    private static final Map<String, List<String>> TOPICS = Map.of(
            "billing",
                    List.of(
                            "charged twice",
                            "refund for my order",
                            "invoice shows the wrong amount",
                            "cancel my subscription",
                            "card was declined",
                            "overcharged on the annual plan"),
            "technical",
                    List.of(
                            "app crashes on start",
                            "error 500 when saving",
                            "cannot connect to the server",
                            "sync stopped working",
                            "page loads forever",
                            "export fails with a timeout"),
            "accounts",
                    List.of(
                            "reset my password",
                            "locked out of my account",
                            "two-factor code never arrives",
                            "change the email on my account",
                            "merge two accounts",
                            "delete my profile"),
            "shipping",
                    List.of(
                            "package has not arrived",
                            "tracking number does not work",
                            "delivered to the wrong address",
                            "parcel arrived damaged",
                            "change delivery date",
                            "missing item in the box"));
    private static final List<String> OPENERS = List.of("Hello, ", "Hi team, ", "Urgent: ", "", "Good morning, ");
    private static final List<String> CLOSERS = List.of(
            " Please help.", " Thanks in advance.", " This is the second time.", "", " Can someone look at it today?");
    private static final List<String> PRODUCTS = List.of("web", "ios", "android", "desktop");
    private static final List<String> TIERS = List.of("free", "pro", "enterprise");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One issue and, unless it is never resolved, its resolution. */
    public record Ticket(
            String key,
            String title,
            String description,
            String product,
            long priority,
            String tier,
            String department,
            long submittedAtMs,
            long resolvedAtMs) {

        public boolean resolved() {
            return department != null;
        }

        /** The same ticket under another key. */
        public Ticket withKey(String other) {
            return new Ticket(
                    other, title, description, product, priority, tier, department, submittedAtMs, resolvedAtMs);
        }

        public String issueJson() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("title", title);
            value.put("description", description);
            value.put("product", product);
            value.put("priority", priority);
            value.put("customer", Map.of("tier", tier));
            return json(value);
        }

        public String resolutionJson() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("department", department);
            value.put("resolved_by", department + "-agent");
            return json(value);
        }
    }

    private SupportTickets() {}

    /**
     * {@code count} tickets with keys {@code ISSUE-00000…}, submitted one second apart from
     * {@code startMs}, each resolved within an hour unless {@code i % unresolvedEvery == 0}.
     */
    public static List<Ticket> generate(int count, long startMs, int unresolvedEvery, long seed) {
        Random random = new Random(seed);
        List<Ticket> tickets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String department = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
            List<String> topics = TOPICS.get(department);
            String topic = topics.get(random.nextInt(topics.size()));
            // One issue in three mentions another department's problem too, so routing is learnable but not trivial.
            List<String> detailTopics =
                    random.nextInt(3) == 0 ? TOPICS.get(DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()))) : topics;
            String detail = detailTopics.get(random.nextInt(detailTopics.size()));
            String description = pick(OPENERS, random) + topic + ", and also " + detail + "." + pick(CLOSERS, random);
            long submittedAt = startMs + i * 1000L;
            boolean unresolved = unresolvedEvery > 0 && i % unresolvedEvery == 0;
            tickets.add(new Ticket(
                    String.format("ISSUE-%05d", i),
                    capitalise(topic),
                    description,
                    pick(PRODUCTS, random),
                    1 + random.nextInt(4),
                    pick(TIERS, random),
                    unresolved ? null : department,
                    submittedAt,
                    submittedAt + 60_000L + random.nextInt(3_600_000)));
        }
        return tickets;
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
