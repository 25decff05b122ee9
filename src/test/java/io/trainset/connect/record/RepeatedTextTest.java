package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RepeatedText}: one reader over many documents reads exactly what Jackson reads, the repeated short strings
 * of a field as one instance, and a field whose strings do not repeat stops using the table.
 */
class RepeatedTextTest {

    private static final FieldPath ID = FieldPath.parse("id");

    private static final FieldPath TIER = FieldPath.parse("c.tier");

    private static final List<FieldPath> PATHS = List.of(ID, TIER);

    /** Short and long, ASCII, non-ASCII and escaped values, some of them colliding in the table. */
    private static final List<String> TIERS = tiers();

    @Test
    void oneReaderReadsManyDocumentsAsJacksonReadsEach() {
        ValueReader reader = ValueReader.json(PATHS, false);
        ValueReader jackson = reader.jacksonOnly();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] json = document("issue-" + i, TIERS.get(random.nextInt(TIERS.size())));

            Object[] scanned = reader.scanned(json);

            assertThat(scanned).as("document %d", i).isNotNull().containsExactly(jackson.readFields(json));
        }
    }

    @Test
    void aRepeatedShortStringIsReadAsOneInstance() {
        ValueReader reader = ValueReader.json(PATHS, false);

        Object[] first = reader.scanned(document("issue-0", "gold"));
        Object[] second = reader.scanned(document("issue-1", "gold"));

        assertThat(reader.slot(TIER).get(second))
                .isEqualTo("gold")
                .isSameAs(reader.slot(TIER).get(first));
        assertThat(reader.slot(ID).get(second)).isEqualTo("issue-1");
    }

    @Test
    void aFieldWhoseStringsDoNotRepeatStopsLookingThemUp() {
        RepeatedText tiers = new RepeatedText();
        RepeatedText ids = new RepeatedText();
        byte[] gold = ascii("gold");
        String first = tiers.ascii(gold, 0, gold.length);
        String last = null;
        for (int i = 0; i < RepeatedText.SAMPLE; i++) {
            last = tiers.ascii(gold, 0, gold.length);
            byte[] id = ascii("issue-" + i);
            assertThat(ids.ascii(id, 0, id.length)).isEqualTo("issue-" + i);
        }

        assertThat(last).isSameAs(first);
        assertThat(tiers.inUse()).isTrue();
        assertThat(ids.inUse()).isFalse();
        byte[] again = ascii("issue-7");
        assertThat(ids.ascii(again, 0, again.length)).isEqualTo("issue-7");
    }

    @Test
    void stringsLongerThanTheLimitAreMadeEachTime() {
        ValueReader reader = ValueReader.json(PATHS, false);
        String longTier = "t".repeat(RepeatedText.MAX_BYTES + 1);

        Object[] a = reader.scanned(document("a", longTier));
        Object[] b = reader.scanned(document("b", longTier));

        assertThat(reader.slot(TIER).get(b))
                .isEqualTo(longTier)
                .isNotSameAs(reader.slot(TIER).get(a));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] document(String id, String tier) {
        return ("{\"id\":\"" + id + "\",\"c\":{\"tier\":\"" + tier + "\"},\"n\":1}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> tiers() {
        List<String> tiers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tiers.add("tier-" + i);
        }
        tiers.add("");
        tiers.add("x".repeat(RepeatedText.MAX_BYTES));
        tiers.add("x".repeat(RepeatedText.MAX_BYTES + 1));
        tiers.add("caf\u00e9");
        tiers.add("quote \\\" and tab \\t");
        tiers.add("Aa");
        tiers.add("BB"); // the same String.hashCode as "Aa"
        return List.copyOf(tiers);
    }
}
