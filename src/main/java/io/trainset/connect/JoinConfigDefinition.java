package io.trainset.connect;

import static io.trainset.connect.TrainsetSinkConfig.*;

import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.model.Policies;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The join's keys of {@link TrainsetSinkConfig#CONFIG_DEF}: window, time, watermarks and policies. */
final class JoinConfigDefinition {

    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    /**
     * One minute: far above the pauses of a healthy consumer (fetch rounds, commits, a rebalance's
     * seconds), so a partition that still has records is not taken as caught up, and far below what
     * a user waits for a finished backfill; a live event read within a minute (plus grace) of its
     * event time is never late because of it.
     */
    static final long DEFAULT_IDLE_TIMEOUT_MS = 0L;

    private JoinConfigDefinition() {}

    /** Adds the join keys to the Join group, after its first {@code order} keys. */
    static void define(ConfigDef def, int order) {
        def.define(JOIN_WINDOW_AFTER_MS, Type.LONG, 7 * DAY_MS, ConfigDef.Range.atLeast(1), Importance.HIGH,
                "The labelling horizon: a resolution matches a submission at time t when its time is in "
                        + "[t - join.window.before.ms, t + join.window.after.ms]. A submission with no resolution "
                        + "in that window times out once every input of its join unit has passed the window's end.",
                GROUP_JOIN, ++order, Width.SHORT, "Window after submission (ms)");
        def.define(JOIN_WINDOW_BEFORE_MS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "How far a resolution's time may precede its submission's (clock skew between producers).",
                GROUP_JOIN, ++order, Width.SHORT, "Window before submission (ms)");
        def.define(JOIN_GRACE_MS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.HIGH,
                "How far out of time order events of one input partition may arrive: each partition's watermark is "
                        + "its highest event time minus this. An event behind its partition's watermark is late "
                        + "(join.late.policy). Raise it to the disorder your producers have; decisions wait that much "
                        + "longer.", GROUP_JOIN, ++order, Width.SHORT, "Out-of-order grace (ms)");
        def.define(JOIN_IDLE_TIMEOUT_MS, Type.LONG, DEFAULT_IDLE_TIMEOUT_MS, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "After this much wall-clock silence (not paused by the buffer bound) an input partition holds its "
                        + "join unit back no further than the worker's clock minus this timeout and join.grace.ms. "
                        + "A backfill of old events is thus complete one timeout after it was read, without newer "
                        + "records; in a live stream an event read after such a quiet spell is late only if it was "
                        + "read more than this plus the grace after its event time. Results depend on when inputs "
                        + "go quiet (deterministic for a backfill read to its end). Time the task was not reading "
                        + "(a restore, a put() stalled for over 10 s) is not silence. Set it (e.g. 60000) to let a "
                        + "backfill finish on its own. 0: disabled (a quiet input holds every decision until it "
                        + "delivers newer events).",
                GROUP_JOIN, ++order, Width.SHORT, "Idle input timeout (ms)");
        def.define(JOIN_TIME_MODE, Type.STRING, configValue(Policies.TimeMode.EVENT), ConfigDefinition.oneOf(Policies.TimeMode.class),
                Importance.MEDIUM, "'event': each event's time comes from its time field or record timestamp "
                        + "(deterministic). 'processing': the worker's clock when the record is read (results depend "
                        + "on timing).", GROUP_JOIN, ++order, Width.SHORT, "Time mode");
        def.define(JOIN_TIME_MAX_AHEAD_MS, Type.LONG, JoinSettings.DEFAULT_MAX_AHEAD.toMillis(),
                ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "How far an event's time may be ahead of the worker's clock. An event beyond it (a placeholder "
                        + "date such as year 9999, or microseconds read as milliseconds) is not joined and moves no "
                        + "watermark: it is reported as a bad record (errors.tolerance, dead-letter queue). Real "
                        + "events are never ahead of the clock by more than the producers' clock skew, however old "
                        + "the data (a backfill is in the past), so the default of one day refuses none; a "
                        + "checkpoint whose watermark is beyond it is repaired at restore "
                        + "(docs/join-semantics.md).", GROUP_JOIN, ++order, Width.SHORT,
                "Max event time ahead of clock (ms)");
        definePolicies(def, order);
    }

    private static void definePolicies(ConfigDef def, int order) {
        def.define(JOIN_LATE_POLICY, Type.STRING, configValue(Policies.Late.DLQ), ConfigDefinition.oneOf(Policies.Late.class),
                Importance.MEDIUM, "An event behind its input's watermark: 'dlq' reports it to the dead-letter "
                        + "queue, 'drop' counts and discards it, 'join' joins it against what is still buffered "
                        + "(best effort; may depend on arrival order).", GROUP_JOIN, ++order, Width.SHORT,
                "Late events");
        def.define(JOIN_TIMED_OUT_POLICY, Type.STRING, configValue(Policies.TimedOut.EMIT), ConfigDefinition.oneOf(Policies.TimedOut.class),
                Importance.MEDIUM, "A submission without resolution in its window: 'emit' writes an unlabelled row "
                        + "(join_status=timed_out, label null; dropping them biases the dataset), 'drop' counts and "
                        + "discards it, 'dlq' reports it to the dead-letter queue.", GROUP_JOIN, ++order, Width.SHORT,
                "Timed-out submissions");
        def.define(JOIN_ORPHAN_POLICY, Type.STRING, configValue(Policies.Orphan.DLQ), ConfigDefinition.oneOf(Policies.Orphan.class),
                Importance.MEDIUM, "A resolution no submission can match any more: 'dlq' reports it, 'drop' counts "
                        + "and discards it.", GROUP_JOIN, ++order, Width.SHORT, "Orphan resolutions");
        def.define(JOIN_SUBMISSION_VERSIONS, Type.STRING, configValue(Policies.Versions.FIRST),
                ConfigDefinition.oneOf(Policies.Versions.class), Importance.MEDIUM, "Several submitted events of one key (edits): "
                        + "'first' takes the features as first submitted; 'latest' the latest version whose time is "
                        + "not after the resolution's (never one from after it, which could leak the label).",
                GROUP_JOIN, ++order, Width.SHORT, "Submission versions");
        def.define(JOIN_RESOLUTIONS, Type.STRING, configValue(Policies.Resolutions.FIRST),
                ConfigDefinition.oneOf(Policies.Resolutions.class), Importance.MEDIUM, "Several resolutions of one key in the window: "
                        + "'first' labels the row with the earliest (written as soon as it is final), 'last' with the "
                        + "latest, 'all' writes one row per resolution ('last' and 'all' wait for the window to "
                        + "close). The resolution_count column says how many were seen.",
                GROUP_JOIN, ++order, Width.SHORT, "Resolutions per key");
        def.define(JOIN_BUFFER_MAX_BYTES, Type.LONG, 256L * 1024 * 1024, ConfigDef.Range.atLeast(1024 * 1024),
                Importance.MEDIUM, "Estimated heap bytes of buffered events per task. Above it, the values of "
                        + "arriving submissions are spilled to local files in join.spill.dir (until the buffer is "
                        + "under 80% of it), and inputs that run ahead of their join unit's slowest input are paused "
                        + "(Connect pause/resume) until the others catch up; nothing is dropped.",
                GROUP_JOIN, ++order, Width.SHORT, "Join buffer bound (bytes)");
        def.define(JOIN_SPILL_DIR, Type.STRING, "", ConfigDefinition.localDirectory(), Importance.LOW, "Local directory for the values of waiting "
                        + "submissions spilled while the join buffer is over join.buffer.max.bytes: each join unit "
                        + "makes a private directory there (random name, mode 0700, files 0600), deleted when the "
                        + "unit closes; never read after a restart (checkpoints hold the state). Empty: the "
                        + "worker's java.io.tmpdir. Use a directory only the worker's user can write, or a sticky one "
                        + "such as /tmp. Needs room for the "
                        + "waiting submissions' values (about their serialized size).",
                GROUP_JOIN, ++order, Width.LONG, "Spill directory");
    }

    private static String configValue(Enum<?> value) {
        return Policies.configValue(value);
    }
}
