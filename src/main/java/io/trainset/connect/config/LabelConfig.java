package io.trainset.connect.config;

import static io.trainset.connect.config.Validators.asList;
import static io.trainset.connect.config.Validators.parsing;

import io.trainset.connect.record.LabelRules;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The label rules of the Dataset group ({@link DatasetConfig} places them between the layout and the columns):
 * normalisation, mapping, the known labels and what an unknown one becomes. Their keys, definitions, parsing into
 * {@link LabelRules} and the rule across them.
 */
public final class LabelConfig {

    public static final String LABEL_NORMALIZE = "label.normalize";
    public static final String LABEL_MAPPING = "label.mapping";
    public static final String LABEL_ALLOWED = "label.allowed";
    public static final String LABEL_UNKNOWN_POLICY = "label.unknown.policy";
    public static final String LABEL_OTHER_VALUE = "label.other.value";

    private LabelConfig() {}

    static void define(GroupKeys keys) {
        keys.define(
                        LABEL_NORMALIZE,
                        Type.STRING,
                        "none",
                        ConfigDef.CaseInsensitiveValidString.in("none", "lower"),
                        Importance.MEDIUM,
                        "'lower': trim, collapse inner whitespace and lower-case every label "
                                + "before mapping ('  Billing  Dept' becomes 'billing dept'). 'none': labels are used "
                                + "as they come.",
                        Width.SHORT,
                        "Label normalisation")
                .define(
                        LABEL_MAPPING,
                        Type.LIST,
                        "",
                        parsing(
                                "source=target entries",
                                v -> LabelRules.parseMapping(asList(v), LabelRules.Normalization.NONE)),
                        Importance.MEDIUM,
                        "Label renames applied after normalisation, e.g. 'billing dept=billing,"
                                + "tech support=technical' (sources are normalised too; split at the last '=').",
                        Width.LONG,
                        "Label mapping")
                .define(
                        LABEL_ALLOWED,
                        Type.LIST,
                        "",
                        null,
                        Importance.MEDIUM,
                        "The known labels, in class-index order (e.g. 'billing,technical,accounts,shipping'). When "
                                + "set with label.unknown.policy 'other' or 'dlq', files get an int64 'label_id' "
                                + "column that Hugging Face reads as a ClassLabel with these names. Empty: every "
                                + "label is known.",
                        Width.LONG,
                        "Allowed labels")
                .define(
                        LABEL_UNKNOWN_POLICY,
                        Type.STRING,
                        LabelRules.UnknownLabelPolicy.KEEP.configValue(),
                        Validators.oneOf(LabelRules.UnknownLabelPolicy.class),
                        Importance.MEDIUM,
                        "A label outside label.allowed: 'keep' writes it, 'other' writes label.other.value instead, "
                                + "'dlq' sends the resolved record to the dead-letter queue (its submission then "
                                + "times out).",
                        Width.SHORT,
                        "Unknown labels")
                .define(
                        LABEL_OTHER_VALUE,
                        Type.STRING,
                        "other",
                        parsing("a non-empty label", v -> {
                            if (v.toString().isBlank()) {
                                throw new IllegalArgumentException("give a non-empty label, e.g. 'other'");
                            }
                        }),
                        Importance.LOW,
                        "The label unknown labels become under label.unknown.policy=other.",
                        Width.SHORT,
                        "Other label");
    }

    static LabelRules parse(AbstractConfig config) {
        LabelRules.Normalization normalization =
                LabelRules.Normalization.valueOf(DatasetConfig.upper(config.getString(LABEL_NORMALIZE)));
        return new LabelRules(
                normalization,
                LabelRules.parseMapping(config.getList(LABEL_MAPPING), normalization),
                config.getList(LABEL_ALLOWED).stream().map(String::trim).toList(),
                LabelRules.UnknownLabelPolicy.valueOf(DatasetConfig.upper(config.getString(LABEL_UNKNOWN_POLICY))),
                config.getString(LABEL_OTHER_VALUE).trim());
    }

    /** An unknown-label policy other than 'keep' needs the known labels. */
    static void validate(Violations violations) {
        Object allowed = violations.parsedOrDefault(LABEL_ALLOWED);
        Object policy = violations.parsedOrDefault(LABEL_UNKNOWN_POLICY);
        if (allowed instanceof List<?> list
                && list.isEmpty()
                && policy instanceof String p
                && !p.trim().equalsIgnoreCase("keep")) {
            violations.report(
                    "label.unknown.policy=" + p.trim() + " needs the known labels: set label.allowed (e.g. "
                            + "'billing,technical'), or set label.unknown.policy=keep.",
                    LABEL_ALLOWED,
                    LABEL_UNKNOWN_POLICY);
        }
    }
}
