package io.trainset.connect.config;

import static io.trainset.connect.config.Validators.fieldPath;

import io.trainset.connect.model.Policies;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FieldPath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Input group: which topics hold which side, where each event's key, time and side come from, and how values
 * are read. Its keys, their definitions, their typed values (this record) and the rules on the topic lists.
 *
 * @param submittedTopics    the submitted side's topics (empty in single-topic mode)
 * @param resolvedTopics     the resolved side's topics (empty in single-topic mode)
 * @param inputTopics        every input topic: both sides' topics, or 'topics' in single-topic mode
 * @param submittedKeyField  the submitted event's key field; empty means the record key
 * @param resolvedKeyField   the resolved event's key field; empty means the record key
 * @param submittedTimeField the submitted event's time field; empty means the record timestamp
 * @param resolvedTimeField  the resolved event's time field; empty means the record timestamp
 * @param typeField          single-topic mode: the field that tells the sides apart
 * @param submittedType      single-topic mode: the type field's value of a submitted event
 * @param resolvedType       single-topic mode: the type field's value of a resolved event
 * @param valuesAreJsonText  whether values are JSON text that Trainset parses itself (value.format=json)
 */
public record InputConfig(
        List<String> submittedTopics,
        List<String> resolvedTopics,
        List<String> inputTopics,
        Optional<FieldPath> submittedKeyField,
        Optional<FieldPath> resolvedKeyField,
        Optional<FieldPath> submittedTimeField,
        Optional<FieldPath> resolvedTimeField,
        Optional<FieldPath> typeField,
        String submittedType,
        String resolvedType,
        boolean valuesAreJsonText) {

    public static final String GROUP = "Input";

    /** Connect's own key: the topics the worker subscribes the task to. */
    public static final String TOPICS = "topics";

    public static final String SUBMITTED_TOPICS = "submitted.topics";
    public static final String RESOLVED_TOPICS = "resolved.topics";
    public static final String SUBMITTED_KEY_FIELD = "submitted.key.field";
    public static final String RESOLVED_KEY_FIELD = "resolved.key.field";
    public static final String SUBMITTED_TIME_FIELD = "submitted.time.field";
    public static final String RESOLVED_TIME_FIELD = "resolved.time.field";
    public static final String EVENT_TYPE_FIELD = "event.type.field";
    public static final String EVENT_TYPE_SUBMITTED = "event.type.submitted";
    public static final String EVENT_TYPE_RESOLVED = "event.type.resolved";
    public static final String VALUE_FORMAT = "value.format";

    static void define(ConfigDef def) {
        new GroupKeys(def, GROUP)
                .define(
                        SUBMITTED_TOPICS,
                        Type.LIST,
                        "",
                        null,
                        Importance.HIGH,
                        "Topics whose records are submitted events (the features side, e.g. support issues). Every "
                                + "topic listed here must also be in 'topics'. Leave empty in single-topic mode "
                                + "(event.type.field).",
                        Width.LONG,
                        "Submitted-event topics")
                .define(
                        RESOLVED_TOPICS,
                        Type.LIST,
                        "",
                        null,
                        Importance.HIGH,
                        "Topics whose records are resolved events (the label side, e.g. issue resolutions). Every "
                                + "topic listed here must also be in 'topics'; no topic may be in both lists. Leave "
                                + "empty in single-topic mode (event.type.field).",
                        Width.LONG,
                        "Resolved-event topics")
                .define(
                        SUBMITTED_KEY_FIELD,
                        Type.STRING,
                        "",
                        fieldPath(true),
                        Importance.MEDIUM,
                        "Dotted path of the join key in a submitted event's value (e.g. 'issue.id'). Empty: the "
                                + "record key.",
                        Width.MEDIUM,
                        "Submitted join key field")
                .define(
                        RESOLVED_KEY_FIELD,
                        Type.STRING,
                        "",
                        fieldPath(true),
                        Importance.MEDIUM,
                        "Dotted path of the join key in a resolved event's value (e.g. 'issue_id'). Empty: the "
                                + "record key.",
                        Width.MEDIUM,
                        "Resolved join key field")
                .define(
                        SUBMITTED_TIME_FIELD,
                        Type.STRING,
                        "",
                        fieldPath(true),
                        Importance.MEDIUM,
                        "Dotted path of a submitted event's time (epoch milliseconds, or an ISO-8601 instant such as "
                                + "'2026-11-24T10:15:30Z'). Empty, or missing in a record: the record timestamp.",
                        Width.MEDIUM,
                        "Submitted event time field")
                .define(
                        RESOLVED_TIME_FIELD,
                        Type.STRING,
                        "",
                        fieldPath(true),
                        Importance.MEDIUM,
                        "Dotted path of a resolved event's time (epoch milliseconds or ISO-8601). Empty, or missing "
                                + "in a record: the record timestamp.",
                        Width.MEDIUM,
                        "Resolved event time field")
                .define(
                        EVENT_TYPE_FIELD,
                        Type.STRING,
                        "",
                        fieldPath(true),
                        Importance.MEDIUM,
                        "Single-topic mode: dotted path of the field that tells submitted and resolved events apart "
                                + "when both kinds share the topics in 'topics' (e.g. 'type'). Empty: the side comes "
                                + "from submitted.topics/resolved.topics.",
                        Width.MEDIUM,
                        "Event type field")
                .define(
                        EVENT_TYPE_SUBMITTED,
                        Type.STRING,
                        "submitted",
                        new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        "Single-topic mode: the event type field's value of a submitted event.",
                        Width.SHORT,
                        "Submitted event type value")
                .define(
                        EVENT_TYPE_RESOLVED,
                        Type.STRING,
                        "resolved",
                        new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        "Single-topic mode: the event type field's value of a resolved event.",
                        Width.SHORT,
                        "Resolved event type value")
                .define(
                        VALUE_FORMAT,
                        Type.STRING,
                        "converter",
                        ConfigDef.CaseInsensitiveValidString.in("converter", "json"),
                        Importance.MEDIUM,
                        "How record values are read. 'converter': as the worker's value.converter hands them, "
                                + "Structs (Avro, Protobuf, JSON with schemas) or maps (JsonConverter with "
                                + "schemas.enable=false). 'json': the values are JSON text, handed over as bytes or "
                                + "strings by value.converter=org.apache.kafka.connect.converters.ByteArrayConverter "
                                + "(or StringConverter); Trainset parses them itself with a streaming reader that "
                                + "keeps only the fields it uses, with the types JsonConverter would give them. "
                                + "Faster: no JSON tree and no full map per record.",
                        Width.SHORT,
                        "Value format");
    }

    static InputConfig parse(AbstractConfig config) {
        List<String> submitted = List.copyOf(config.getList(SUBMITTED_TOPICS));
        List<String> resolved = List.copyOf(config.getList(RESOLVED_TOPICS));
        Optional<FieldPath> typeField = optionalPath(config, EVENT_TYPE_FIELD);
        List<String> inputs = typeField.isPresent()
                ? List.copyOf(topics(config.originalsStrings().get(TOPICS)))
                : Stream.concat(submitted.stream(), resolved.stream()).toList();
        return new InputConfig(
                submitted,
                resolved,
                inputs,
                optionalPath(config, SUBMITTED_KEY_FIELD),
                optionalPath(config, RESOLVED_KEY_FIELD),
                optionalPath(config, SUBMITTED_TIME_FIELD),
                optionalPath(config, RESOLVED_TIME_FIELD),
                typeField,
                config.getString(EVENT_TYPE_SUBMITTED),
                config.getString(EVENT_TYPE_RESOLVED),
                "json".equalsIgnoreCase(config.getString(VALUE_FORMAT)));
    }

    /** Where each event's side and time come from, with the join's time mode. */
    public EventSettings eventSettings(Policies.TimeMode timeMode) {
        return new EventSettings(
                submittedTimeField, resolvedTimeField, timeMode, typeField, submittedType, resolvedType);
    }

    static Optional<FieldPath> optionalPath(AbstractConfig config, String key) {
        String value = config.getString(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(FieldPath.parse(value));
    }

    /** The topics of a comma-separated list, trimmed, without empty entries, in order. */
    public static Set<String> topics(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Stream.of(list.split(","))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
