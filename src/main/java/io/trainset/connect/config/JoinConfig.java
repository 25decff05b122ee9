package io.trainset.connect.config;

import static io.trainset.connect.config.JoinPolicyConfig.*;
import static io.trainset.connect.config.Validators.fieldPath;
import static io.trainset.connect.config.Validators.oneOf;

import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.model.Policies;
import io.trainset.connect.pipeline.JoinBuffer;
import io.trainset.connect.record.FieldPath;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Join group: the label and feature fields, the window, event time, watermarks, the policies and the join
 * buffer ({@link JoinPolicyConfig}, {@link JoinBufferConfig}). Its keys, their definitions and their typed values (this record).
 *
 * @param labelField      the label's field in a resolved event
 * @param featureIncludes feature fields of the submitted event; empty means every top-level field
 * @param featureExcludes column names left out of the features
 * @param joinSettings    window, grace, idle timeout, policies, the bound on event time ahead of the clock
 * @param timeMode        where an event's time comes from
 * @param joinBuffer      the heap bound of the join's waiting state per task, and where what is over it is spilled
 */
public record JoinConfig(
        FieldPath labelField,
        List<FieldPath> featureIncludes,
        List<String> featureExcludes,
        JoinSettings joinSettings,
        Policies.TimeMode timeMode,
        JoinBuffer joinBuffer) {

    public static final String GROUP = "Join";

    public static final String LABEL_FIELD = "label.field";
    public static final String FEATURES_INCLUDE = "features.include";
    public static final String FEATURES_EXCLUDE = "features.exclude";
    public static final String JOIN_WINDOW_AFTER_MS = "join.window.after.ms";
    public static final String JOIN_WINDOW_BEFORE_MS = "join.window.before.ms";
    public static final String JOIN_GRACE_MS = "join.grace.ms";
    public static final String JOIN_IDLE_TIMEOUT_MS = "join.idle.timeout.ms";
    public static final String JOIN_TIME_MODE = "join.time.mode";
    public static final String JOIN_TIME_MAX_AHEAD_MS = "join.time.max.ahead.ms";
    public static final String JOIN_EARLY_WINDOW_MS = "join.early.window.ms";

    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    /** Disabled by default: no silent change on upgrade (the shipped example sets one minute). */
    private static final long DEFAULT_IDLE_TIMEOUT_MS = 0L;

    static void define(ConfigDef def) {
        GroupKeys keys = new GroupKeys(def, GROUP)
                .define(
                        LABEL_FIELD,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        fieldPath(false),
                        Importance.HIGH,
                        "Dotted path of the label in a resolved event's value (e.g. 'department' or 'outcome.code').",
                        Width.MEDIUM,
                        "Label field")
                .define(
                        FEATURES_INCLUDE,
                        Type.LIST,
                        "",
                        null,
                        Importance.MEDIUM,
                        "Dotted paths of the submitted event's fields that become feature columns; a nested path "
                                + "'customer.tier' becomes the column 'customer_tier'. Empty: every top-level field, "
                                + "nested structs flattened (or kept as groups, features.nested).",
                        Width.LONG,
                        "Feature fields")
                .define(
                        FEATURES_EXCLUDE,
                        Type.LIST,
                        "",
                        null,
                        Importance.LOW,
                        "Column names to leave out of the feature columns (applied after flattening, e.g. "
                                + "'customer_email'; with features.nested=group, top-level names such as "
                                + "'customer').",
                        Width.LONG,
                        "Excluded feature columns");
        defineTime(keys);
        JoinPolicyConfig.define(keys);
        JoinBufferConfig.define(keys);
    }

    private static void defineTime(GroupKeys keys) {
        keys.define(
                        JOIN_WINDOW_AFTER_MS,
                        Type.LONG,
                        7 * DAY_MS,
                        ConfigDef.Range.atLeast(1),
                        Importance.HIGH,
                        "The labelling horizon: a resolution matches a submission at time t when its time is in "
                                + "[t - join.window.before.ms, t + join.window.after.ms]. A submission with no "
                                + "resolution in that window times out once every input of its join unit has passed "
                                + "the window's end.",
                        Width.SHORT,
                        "Window after submission (ms)")
                .define(
                        JOIN_WINDOW_BEFORE_MS,
                        Type.LONG,
                        0L,
                        ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM,
                        "How far a resolution's time may precede its submission's (clock skew between producers).",
                        Width.SHORT,
                        "Window before submission (ms)")
                .define(
                        JOIN_GRACE_MS,
                        Type.LONG,
                        0L,
                        ConfigDef.Range.atLeast(0),
                        Importance.HIGH,
                        "How far out of time order events of one input partition may arrive: each partition's "
                                + "watermark is its highest event time minus this. An event behind its partition's "
                                + "watermark is late (join.late.policy). Raise it to the disorder your producers "
                                + "have; decisions wait that much longer.",
                        Width.SHORT,
                        "Out-of-order grace (ms)")
                .define(
                        JOIN_IDLE_TIMEOUT_MS,
                        Type.LONG,
                        DEFAULT_IDLE_TIMEOUT_MS,
                        ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM,
                        "After this much wall-clock silence (not paused by the task: alignment or the buffer bound) an "
                                + "input partition holds its join unit back no further than the worker's clock minus "
                                + "this timeout and join.grace.ms. A backfill of old events is thus complete one "
                                + "timeout after it was read, without newer records; in a live stream an event read "
                                + "after such a quiet spell is late only if it was read more than this plus the grace "
                                + "after its event time. Results depend on when inputs go quiet (deterministic for a "
                                + "backfill read to its end). Time the task was not reading (a restore, a put() "
                                + "stalled for over 10 s) is not silence. Set it (e.g. 60000) to let a backfill "
                                + "finish on its own. 0: disabled (a quiet input holds every decision until it "
                                + "delivers newer events).",
                        Width.SHORT,
                        "Idle input timeout (ms)")
                .define(
                        JOIN_TIME_MODE,
                        Type.STRING,
                        Policies.configValue(Policies.TimeMode.EVENT),
                        oneOf(Policies.TimeMode.class),
                        Importance.MEDIUM,
                        "'event': each event's time comes from "
                                + "its time field or record timestamp (deterministic). 'processing': the worker's "
                                + "clock when the record is read (results depend on timing).",
                        Width.SHORT,
                        "Time mode")
                .define(
                        JOIN_TIME_MAX_AHEAD_MS,
                        Type.LONG,
                        JoinSettings.DEFAULT_MAX_AHEAD.toMillis(),
                        ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM,
                        "How far an event's time may be ahead of the "
                                + "worker's clock. An event beyond it (a placeholder date such as year 9999, or "
                                + "microseconds read as milliseconds) is not joined and moves no watermark: it is "
                                + "reported as a bad record (errors.tolerance, dead-letter queue). Real events are "
                                + "never ahead of the clock by more than the producers' clock skew, however old the "
                                + "data (a backfill is in the past), so the default of one day refuses none; a "
                                + "checkpoint whose watermark is beyond it is repaired at restore "
                                + "(docs/join-semantics.md).",
                        Width.SHORT,
                        "Max event time ahead of clock (ms)")
                .define(
                        JOIN_EARLY_WINDOW_MS,
                        Type.LONG,
                        0L,
                        ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM,
                        "Early-label mode for delayed feedback: a submission still without a resolution this long "
                                + "after its case began (its window's anchor) gets a provisional row (join_status="
                                + "provisional, label null, label_version 1, label_final false) once its join unit's "
                                + "watermark passes that point; its final row (joined or timed out, label_version 2, "
                                + "label_final true) follows as usual. Files then hold the columns label_version, "
                                + "label_final and case_started_at (the case's anchor, shared by its provisional and "
                                + "final rows; docs/join-semantics.md, docs/dataset.md). With join.timed.out.policy "
                                + "drop or dlq a never-resolved case's provisional row is never superseded. Must be "
                                + "less than join.window.after.ms. 0: off (no provisional rows, no extra columns).",
                        Width.SHORT,
                        "Early-label window (ms)");
    }

    /** The cross-field rule of the group: an early-label window shorter than the join window. */
    static void validate(Violations violations) {
        Object early = violations.parsedOrDefault(JOIN_EARLY_WINDOW_MS);
        Object after = violations.parsedOrDefault(JOIN_WINDOW_AFTER_MS);
        if (early instanceof Long e && after instanceof Long a && e > 0 && e >= a) {
            violations.report(earlyWindowProblem(e, a), JOIN_EARLY_WINDOW_MS, JOIN_WINDOW_AFTER_MS);
        }
    }

    private static String earlyWindowProblem(long early, long after) {
        return JOIN_EARLY_WINDOW_MS + "=" + early + " is not less than " + JOIN_WINDOW_AFTER_MS + "=" + after
                + ": a provisional row must come before the window closes. Set " + JOIN_EARLY_WINDOW_MS
                + " below " + JOIN_WINDOW_AFTER_MS + " (e.g. 3600000 for one hour), or 0 to turn the early-label "
                + "mode off.";
    }

    static JoinConfig parse(AbstractConfig config) {
        long early = config.getLong(JOIN_EARLY_WINDOW_MS);
        long after = config.getLong(JOIN_WINDOW_AFTER_MS);
        if (early > 0 && early >= after) {
            throw new ConfigException(JOIN_EARLY_WINDOW_MS, early, earlyWindowProblem(early, after));
        }
        JoinSettings settings = new JoinSettings(
                millis(config, JOIN_WINDOW_BEFORE_MS),
                millis(config, JOIN_WINDOW_AFTER_MS),
                millis(config, JOIN_GRACE_MS),
                millis(config, JOIN_IDLE_TIMEOUT_MS),
                Policies.parse(Policies.Versions.class, config.getString(JOIN_SUBMISSION_VERSIONS)),
                Policies.parse(Policies.Resolutions.class, config.getString(JOIN_RESOLUTIONS)),
                Policies.parse(Policies.TimedOut.class, config.getString(JOIN_TIMED_OUT_POLICY)),
                Policies.parse(Policies.Orphan.class, config.getString(JOIN_ORPHAN_POLICY)),
                Policies.parse(Policies.Late.class, config.getString(JOIN_LATE_POLICY)),
                millis(config, JOIN_TIME_MAX_AHEAD_MS),
                millis(config, JOIN_EARLY_WINDOW_MS));
        return new JoinConfig(
                FieldPath.parse(config.getString(LABEL_FIELD)),
                config.getList(FEATURES_INCLUDE).stream().map(FieldPath::parse).toList(),
                List.copyOf(config.getList(FEATURES_EXCLUDE)),
                settings,
                Policies.parse(Policies.TimeMode.class, config.getString(JOIN_TIME_MODE)),
                JoinBufferConfig.parse(config));
    }

    private static Duration millis(AbstractConfig config, String key) {
        return Duration.ofMillis(config.getLong(key));
    }
}
