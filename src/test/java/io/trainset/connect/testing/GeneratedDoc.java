package io.trainset.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A document generated from the code (docs/metrics.md, ...): the test fails while the file differs from
 * what the code generates, and writes it when run with {@code -Dtrainset.docs.update=true}.
 */
public final class GeneratedDoc {

    private GeneratedDoc() {}

    /** @param testName the test class that checks it, for the regeneration command in the failure */
    public static void assertCurrent(Path doc, String generated, String testName) throws IOException {
        if (Boolean.getBoolean("trainset.docs.update")) {
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "")
                .as(doc + " is stale; regenerate it with mvn -B -ntp -o -q test -Dtest=" + testName
                        + " -Dtrainset.docs.update=true")
                .isEqualTo(generated);
    }
}
