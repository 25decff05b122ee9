package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputOwnerJsonTest {

    private final OutputOwner owner = new OutputOwner(
            new OutputIdentity("orders-é", List.of("submitted", "resolved")),
            Map.of(0, 3L, 2, 7L),
            "2026-12-05T21:00Z");

    @Test
    void theWrittenClaimReadsBackEqual() throws IOException {
        assertThat(OutputOwner.fromJson(owner.toJson(), "_trainset/owner.json")).isEqualTo(owner);
    }

    @Test
    void aClaimThatIsNotUtf8IsRefusedAsUnreadable() {
        byte[] bytes = new String(owner.toJson(), StandardCharsets.UTF_8)
                .replace("orders-é", "orders-\u00ff")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> OutputOwner.fromJson(bytes, "_trainset/owner.json"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read the claim _trainset/owner.json of the output location: ");
    }
}
