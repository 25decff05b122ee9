package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.record.ValueReader;
import io.trainset.connect.testing.ConnectorProps;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** value.format picks how values are read; with json, the reader keeps every field the extractors use. */
class WiringValueReaderTest {

    private static final String ISSUE = "{\"id\":\"I-1\",\"at\":\"2026-11-24T10:15:30Z\",\"title\":\"Charged twice\","
            + "\"secret\":\"x\",\"customer\":{\"tier\":\"pro\",\"region\":\"eu\",\"email\":\"a@b.c\"},"
            + "\"department\":\"billing\",\"resolution\":{\"text\":\"refunded\",\"by\":\"agent\"}}";

    private static ValueReader reader(String... keysAndValues) {
        Map<String, String> props = ConnectorProps.of(keysAndValues);
        props.putIfAbsent("output.url", "file:///tmp/trainset-test");
        return Wiring.valueReader(new TrainsetSinkConfig(props));
    }

    @Test
    void convertedValuesPassThroughByDefault() {
        assertThat(reader().read(ISSUE)).isSameAs(ISSUE);
    }

    @Test
    void jsonKeepsTheFeaturesLabelKeysTimesGroupAndResolvedFields() {
        ValueReader json = reader(
                "value.format",
                "json",
                "features.include",
                "title,customer.tier",
                "submitted.key.field",
                "id",
                "submitted.time.field",
                "at",
                "split.group.field",
                "customer.region",
                "resolved.fields",
                "resolution.text");

        assertThat(json.read(ISSUE))
                .isEqualTo(Map.of(
                        "id",
                        "I-1",
                        "at",
                        "2026-11-24T10:15:30Z",
                        "title",
                        "Charged twice",
                        "customer",
                        Map.of("tier", "pro", "region", "eu"),
                        "department",
                        "billing",
                        "resolution",
                        Map.of("text", "refunded")));
    }

    @Test
    void jsonWithoutFeatureIncludesKeepsEveryField() {
        Object read = reader("value.format", "JSON").read(ISSUE);

        assertThat(read)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("id", "at", "title", "secret", "customer", "department", "resolution");
    }
}
