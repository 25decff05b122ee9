package io.trainset.connect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/** Renders {@link TrainsetSinkConfig#CONFIG_DEF} as the Markdown of {@code docs/configuration.md}. */
public final class ConfigDocs {

    private ConfigDocs() {}

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append("<!-- Generated from TrainsetSinkConfig.CONFIG_DEF by ConfigDocs; do not edit by hand. ")
                .append("Regenerate: mvn -B test -Dtest=ConfigDocsTest -Dtrainset.docs.update=true -->\n\n")
                .append("Besides these keys, a connector needs Connect's own `connector.class`, `topics` ")
                .append("(every submitted and resolved topic), converters and `errors.*` keys; see the README.\n");
        for (Map.Entry<String, List<ConfigDef.ConfigKey>> group : byGroup().entrySet()) {
            md.append("\n## ")
                    .append(group.getKey())
                    .append("\n\n")
                    .append("| Key | Type | Default | Valid values | Importance | Description |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey key : group.getValue()) {
                md.append("| `")
                        .append(key.name)
                        .append("` | ")
                        .append(key.type.name().toLowerCase())
                        .append(" | ")
                        .append(defaultOf(key))
                        .append(" | ")
                        .append(validOf(key))
                        .append(" | ")
                        .append(key.importance.name().toLowerCase())
                        .append(" | ")
                        .append(cell(key.displayName + ". " + key.documentation))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static Map<String, List<ConfigDef.ConfigKey>> byGroup() {
        Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        for (String group : TrainsetSinkConfig.CONFIG_DEF.groups()) {
            groups.put(group, new ArrayList<>());
        }
        for (ConfigDef.ConfigKey key :
                TrainsetSinkConfig.CONFIG_DEF.configKeys().values()) {
            groups.get(key.group).add(key);
        }
        groups.values().forEach(keys -> keys.sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup)));
        return groups;
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        Object value = key.defaultValue;
        if (value instanceof Password
                || value == null
                || value.toString().isEmpty()
                || (value instanceof List<?> list && list.isEmpty())) {
            return "\"\"";
        }
        String text = value instanceof List<?> list
                ? String.join(",", list.stream().map(Object::toString).toList())
                : value.toString();
        return "`" + text + "`";
    }

    private static String validOf(ConfigDef.ConfigKey key) {
        return key.validator == null ? "" : cell(key.validator.toString());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
