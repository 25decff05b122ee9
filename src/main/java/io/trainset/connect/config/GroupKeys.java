package io.trainset.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Defines the keys of one group of a {@link ConfigDef}: each key's place in its group (the order of the
 * REST API's answer and of docs/configuration.md) is the order in which it is defined here.
 */
final class GroupKeys {

    private final ConfigDef def;
    private final String group;
    private int order;

    GroupKeys(ConfigDef def, String group) {
        this.def = def;
        this.group = group;
    }

    /** A key of the group: its name, type, default, validator (or null), importance, doc, width and display name. */
    GroupKeys define(
            String name,
            Type type,
            Object defaultValue,
            Validator validator,
            Importance importance,
            String documentation,
            Width width,
            String displayName) {
        def.define(name, type, defaultValue, validator, importance, documentation, group, ++order, width, displayName);
        return this;
    }
}
