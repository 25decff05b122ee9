package io.trainset.connect.config;

import static io.trainset.connect.config.Validators.oneOf;

import io.trainset.connect.model.Policies;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The policies of the Join group ({@link JoinConfig} places them after the window and event-time keys): late events,
 * timed-out submissions, orphan resolutions, submission versions and resolutions per key. Their definitions; their
 * values are parsed into the join's settings by {@link JoinConfig}.
 */
public final class JoinPolicyConfig {

    public static final String JOIN_LATE_POLICY = "join.late.policy";
    public static final String JOIN_TIMED_OUT_POLICY = "join.timed.out.policy";
    public static final String JOIN_ORPHAN_POLICY = "join.orphan.policy";
    public static final String JOIN_SUBMISSION_VERSIONS = "join.submission.versions";
    public static final String JOIN_RESOLUTIONS = "join.resolutions";

    private JoinPolicyConfig() {}

    static void define(GroupKeys keys) {
        keys.define(
                        JOIN_LATE_POLICY,
                        Type.STRING,
                        Policies.configValue(Policies.Late.DLQ),
                        oneOf(Policies.Late.class),
                        Importance.MEDIUM,
                        "An event behind its input's watermark: 'dlq' "
                                + "reports it to the dead-letter queue, 'drop' counts and discards it, 'join' joins "
                                + "it against what is still buffered (best effort; may depend on arrival order).",
                        Width.SHORT,
                        "Late events")
                .define(
                        JOIN_TIMED_OUT_POLICY,
                        Type.STRING,
                        Policies.configValue(Policies.TimedOut.EMIT),
                        oneOf(Policies.TimedOut.class),
                        Importance.MEDIUM,
                        "A submission without resolution in its "
                                + "window: 'emit' writes an unlabelled row (join_status=timed_out, label null; "
                                + "dropping them biases the dataset), 'drop' counts and discards it, 'dlq' reports it "
                                + "to the dead-letter queue.",
                        Width.SHORT,
                        "Timed-out submissions")
                .define(
                        JOIN_ORPHAN_POLICY,
                        Type.STRING,
                        Policies.configValue(Policies.Orphan.DLQ),
                        oneOf(Policies.Orphan.class),
                        Importance.MEDIUM,
                        "A resolution no submission can match any "
                                + "more: 'dlq' reports it, 'drop' counts and discards it.",
                        Width.SHORT,
                        "Orphan resolutions")
                .define(
                        JOIN_SUBMISSION_VERSIONS,
                        Type.STRING,
                        Policies.configValue(Policies.Versions.FIRST),
                        oneOf(Policies.Versions.class),
                        Importance.MEDIUM,
                        "Several submitted events of one key "
                                + "(edits): 'first' takes the features as first submitted; 'latest' the latest "
                                + "version whose time is not after the resolution's (never one from after it, which "
                                + "could leak the label).",
                        Width.SHORT,
                        "Submission versions")
                .define(
                        JOIN_RESOLUTIONS,
                        Type.STRING,
                        Policies.configValue(Policies.Resolutions.FIRST),
                        oneOf(Policies.Resolutions.class),
                        Importance.MEDIUM,
                        "Several resolutions of one key in the "
                                + "window: 'first' labels the row with the earliest (written as soon as it is final), "
                                + "'last' with the latest, 'all' writes one row per resolution ('last' and 'all' wait "
                                + "for the window to close). The resolution_count column says how many were seen.",
                        Width.SHORT,
                        "Resolutions per key");
    }
}
