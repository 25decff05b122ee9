package io.trainset.connect.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Labels a producer may send, shared by the tests of the path levels and of the file layout. */
public final class HostileLabels {

    private HostileLabels() {}

    /** Labels a producer may send, with the path level each must become. */
    public static Stream<Arguments> withLevels() {
        return Stream.of(
                Arguments.of("billing", "label=billing"),
                Arguments.of("a/b", "label=a%2Fb"),
                Arguments.of("../..", "label=..%2F.."),
                Arguments.of("..", "label=.."),
                Arguments.of("x=y", "label=x%3Dy"),
                Arguments.of("%", "label=%25"),
                Arguments.of("%2F", "label=%252F"),
                Arguments.of("two words", "label=two words"),
                Arguments.of("a+b", "label=a+b"),
                Arguments.of("Rechnungsprüfung", "label=Rechnungsprüfung"),
                Arguments.of("tab\there\nnewline\u0000nul\u007Fdel", "label=tab%09here%0Anewline%00nul%7Fdel"),
                Arguments.of("C:\\temp", "label=C%3A%5Ctemp"),
                Arguments.of("\"#'*?{[]^", "label=%22%23%27%2A%3F%7B%5B%5D%5E"),
                Arguments.of("📦 shipping", "label=📦 shipping"));
    }
}
