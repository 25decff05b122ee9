package io.trainset.connect.testing;

import java.util.HashMap;
import java.util.Map;

/** The smallest valid connector configuration for unit tests: topics 'issues' and 'resolutions', label 'department'. */
public final class ConnectorProps {

    private ConnectorProps() {}

    /** Those keys plus {@code keysAndValues} (key, value, key, value, ...), as a mutable map. */
    public static Map<String, String> of(String... keysAndValues) {
        Map<String, String> props = new HashMap<>(Map.of(
                "topics",
                "issues,resolutions",
                "submitted.topics",
                "issues",
                "resolved.topics",
                "resolutions",
                "label.field",
                "department"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }
}
