package io.trainset.connect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * What the cross-field rules of the groups read (the raw connector properties, as the REST validate call passes
 * them) and what they report: each broken rule on every key it involves, so the REST answer and the UI point at
 * all the places a user may fix.
 */
final class Violations {

    private final ConfigDef definition;
    private final Map<String, String> props;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    Violations(ConfigDef definition, Map<String, String> props) {
        this.definition = definition;
        this.props = props;
    }

    /** The raw value of a key, or {@code fallback} when it is unset. */
    String raw(String key, String fallback) {
        return props.getOrDefault(key, fallback);
    }

    /** The typed value of a key, its default when unset, or null when it does not parse (reported per key). */
    Object parsedOrDefault(String key) {
        ConfigDef.ConfigKey defined = definition.configKeys().get(key);
        String raw = props.get(key);
        try {
            return raw == null ? defined.defaultValue : ConfigDef.parseType(key, raw, defined.type);
        } catch (ConfigException e) {
            return null;
        }
    }

    /** Reports a broken rule on every key it involves. */
    void report(String message, String... keys) {
        for (String key : keys) {
            errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        }
    }

    /** Error messages by key, in the order reported; empty when every rule holds. */
    Map<String, List<String>> byKey() {
        return errors;
    }
}
