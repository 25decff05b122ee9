package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DictionaryChoicesTest {

    @Test
    void startsWithTheKeyAndTheTimesAndKeepsEveryColumnLearntInAnImmutableSnapshot() {
        DictionaryChoices choices = new DictionaryChoices();
        Set<String> before = choices.plainColumns();

        choices.learn(Set.of("title", "submitted_at"));
        choices.learn(Set.of());
        choices.learn(Set.of("title"));

        assertThat(before)
                .containsExactlyInAnyOrder("key", "submitted_at", "resolved_at", "resolution_ms", "label_deadline");
        assertThat(choices.plainColumns())
                .containsExactlyInAnyOrder(
                        "key", "title", "submitted_at", "resolved_at", "resolution_ms", "label_deadline");
        assertThatThrownBy(() -> choices.plainColumns().add("body")).isInstanceOf(UnsupportedOperationException.class);
    }
}
