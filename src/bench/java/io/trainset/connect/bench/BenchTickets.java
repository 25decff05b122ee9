package io.trainset.connect.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The benchmark's events, reproducible by index: submitted support issues of about 1 KB of JSON
 * (id, title, a few sentences of description, product, priority, customer tier, time) and their
 * resolutions of about 200 B (id, department, agent, a sentence, time). Issue {@code i} is submitted
 * at {@code T0 + i} seconds of event time and resolved 1 to 61 minutes later, so every issue is
 * resolved and every row is joined.
 */
public final class BenchTickets {

    public static final long T0 = 1_780_000_000_000L;
    public static final long SPACING_MS = 1000;
    static final List<String> DEPARTMENTS = List.of("billing", "technical", "accounts", "shipping");
    private static final List<List<String>> TOPICS = List.of(
            List.of("Charged twice", "Refund for my order", "Invoice shows the wrong amount", "Card was declined"),
            List.of("App crashes on start", "Error 500 when saving", "Sync stopped working", "Export times out"),
            List.of("Reset my password", "Locked out of my account", "Two-factor code never arrives"),
            List.of("Package has not arrived", "Tracking number does not work", "Parcel arrived damaged"));
    private static final List<String> PRODUCTS = List.of("web", "ios", "android", "desktop");
    private static final List<String> TIERS = List.of("free", "pro", "enterprise");
    private static final String[] WORDS = vocabulary(3000, 17);

    private BenchTickets() {}

    /** The key of issue {@code i}. */
    public static String key(long i) {
        return String.format("ISSUE-%09d", i);
    }

    public static long submittedAt(long i) {
        return T0 + i * SPACING_MS;
    }

    public static long resolvedAt(long i) {
        return submittedAt(i) + 60_000 + new SplittableRandom(i * 31 + 7).nextLong(3_600_000);
    }

    /**
     * Whether issue {@code i} is resolved in the deployed benchmark's data, where about one in ten is not (as in
     * issue 14's data: 500,000 issues, ~950,000 events), so the LEFT join's unresolved rows are part of the work.
     */
    public static boolean mostlyResolved(long i) {
        return new SplittableRandom(i * 17 + 1).nextInt(10) != 0;
    }

    /** The department that resolves issue {@code i}: its label. */
    public static String department(long i) {
        return DEPARTMENTS.get(new SplittableRandom(i).nextInt(DEPARTMENTS.size()));
    }

    /** The value of issue {@code i}, about 1 KB of JSON. */
    public static String submittedJson(long i) {
        SplittableRandom random = new SplittableRandom(i * 7919 + 13);
        int department = DEPARTMENTS.indexOf(department(i));
        List<String> topics = TOPICS.get(department);
        StringBuilder json = new StringBuilder(1100);
        json.append("{\"id\":\"")
                .append(key(i))
                .append("\",\"title\":\"")
                .append(topics.get(random.nextInt(topics.size())))
                .append("\",\"description\":\"");
        sentences(json, random, 700 + random.nextInt(250));
        json.append("\",\"product\":\"")
                .append(PRODUCTS.get(random.nextInt(PRODUCTS.size())))
                .append("\",\"priority\":")
                .append(1 + random.nextInt(4))
                .append(",\"customer\":{\"tier\":\"")
                .append(TIERS.get(random.nextInt(TIERS.size())))
                .append("\"},\"time\":\"")
                .append(Instant.ofEpochMilli(submittedAt(i)))
                .append("\"}");
        return json.toString();
    }

    /** The value of the resolution of issue {@code i}, about 200 B of JSON. */
    public static String resolvedJson(long i) {
        SplittableRandom random = new SplittableRandom(i * 104729 + 3);
        String department = department(i);
        StringBuilder json = new StringBuilder(240);
        json.append("{\"id\":\"")
                .append(key(i))
                .append("\",\"department\":\"")
                .append(department)
                .append("\",\"resolved_by\":\"")
                .append(department)
                .append("-agent-")
                .append(random.nextInt(50))
                .append("\",\"resolution\":\"");
        sentences(json, random, 70);
        json.append("\",\"time\":\"")
                .append(Instant.ofEpochMilli(resolvedAt(i)))
                .append("\"}");
        return json.toString();
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sentences of vocabulary words, at least {@code minChars} long. */
    private static void sentences(StringBuilder out, SplittableRandom random, int minChars) {
        int start = out.length();
        while (out.length() - start < minChars) {
            int words = 6 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                String word = WORDS[skewed(random)];
                out.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                out.append(w == words - 1 ? ". " : " ");
            }
        }
        out.setLength(out.length() - 1);
    }

    /** Frequent words more often, roughly as in text. */
    private static int skewed(SplittableRandom random) {
        double u = random.nextDouble();
        return (int) (WORDS.length * u * u * u);
    }

    private static String[] vocabulary(int size, long seed) {
        String consonants = "bcdfghklmnprstvwz";
        String vowels = "aeiou";
        Random random = new Random(seed);
        List<String> words = new ArrayList<>(size);
        while (words.size() < size) {
            StringBuilder word = new StringBuilder();
            int syllables = 1 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                word.append(consonants.charAt(random.nextInt(consonants.length())))
                        .append(vowels.charAt(random.nextInt(vowels.length())));
            }
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }
}
