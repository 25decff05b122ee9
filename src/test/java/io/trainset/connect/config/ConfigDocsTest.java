package io.trainset.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from CONFIG_DEF; this fails when it is stale. */
class ConfigDocsTest {

    private static final Path DOC = Path.of("docs", "configuration.md");

    @Test
    void configurationReferenceIsCurrent() throws IOException {
        String generated = ConfigDocs.markdown();
        if (Boolean.getBoolean("trainset.docs.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "")
                .as("docs/configuration.md is stale; regenerate it with "
                        + "mvn -B test -Dtest=ConfigDocsTest -Dtrainset.docs.update=true")
                .isEqualTo(generated);
    }

    @Test
    void everyKeyIsDocumentedWithADisplayNameAndGroup() {
        assertThat(TrainsetSinkConfig.CONFIG_DEF.configKeys().values()).allSatisfy(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
        });
    }
}
