package io.trainset.connect.config;

import io.trainset.connect.pipeline.JoinBuffer;
import java.nio.file.Path;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The join buffer's keys of the Join group ({@link JoinConfig} places them after the policies): the heap bound of
 * the waiting events, the spill directory, and event-time alignment. Their definitions and their parsing into a
 * {@link JoinBuffer}.
 */
public final class JoinBufferConfig {

    public static final String JOIN_BUFFER_MAX_BYTES = "join.buffer.max.bytes";
    public static final String JOIN_SPILL_DIR = "join.spill.dir";
    public static final String JOIN_ALIGNMENT_MAX_DRIFT_MS = "join.alignment.max.drift.ms";

    /**
     * Five minutes of event time: far beyond the seconds live inputs drift apart (they are never paused), small
     * against a labelling window of hours or days (what a backlog read ahead adds to the buffer is negligible),
     * and long enough that a backlog's pause and resume come every few hundred records, not every batch.
     */
    private static final long DEFAULT_ALIGNMENT_MAX_DRIFT_MS = 5L * 60 * 1000;

    private JoinBufferConfig() {}

    static void define(GroupKeys keys) {
        keys.define(
                        JOIN_BUFFER_MAX_BYTES,
                        Type.LONG,
                        256L * 1024 * 1024,
                        ConfigDef.Range.atLeast(1024 * 1024),
                        Importance.MEDIUM,
                        "Estimated heap bytes of buffered events per task. Above it, the values "
                                + "of arriving submissions are spilled to local files in join.spill.dir (until the "
                                + "buffer is under 80% of it), and inputs that run ahead of their join unit's slowest "
                                + "input are paused (Connect pause/resume) until the others catch up; nothing is "
                                + "dropped.",
                        Width.SHORT,
                        "Join buffer bound (bytes)")
                .define(
                        JOIN_SPILL_DIR,
                        Type.STRING,
                        "",
                        Validators.localDirectory(),
                        Importance.LOW,
                        "Local "
                                + "directory for the values of waiting submissions spilled while the join buffer is "
                                + "over join.buffer.max.bytes: each join unit makes a private directory there (random "
                                + "name, mode 0700, files 0600), deleted when the unit closes; never read after a "
                                + "restart (checkpoints hold the state). Empty: the worker's java.io.tmpdir. Use a "
                                + "directory only the worker's user can write, or a sticky one such as /tmp. Needs "
                                + "room for the waiting submissions' values (about their serialized size).",
                        Width.LONG,
                        "Spill directory")
                .define(
                        JOIN_ALIGNMENT_MAX_DRIFT_MS,
                        Type.LONG,
                        DEFAULT_ALIGNMENT_MAX_DRIFT_MS,
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "Event-time alignment of a join unit's inputs (Flink's watermark alignment): an input "
                                + "partition whose highest event time runs ahead of the unit's slowest active input "
                                + "by more than this is paused (Connect pause/resume) until that input is within half "
                                + "of it. So a backlog's small records (e.g. resolutions, many per fetch) are not "
                                + "buffered far ahead of the large ones, and the buffer holds the join window rather "
                                + "than a backlog (join.buffer.max.bytes stays the last line of defence). An input "
                                + "that delivered nothing for 3 s of reading (at its end, or empty) holds no other "
                                + "back. Rows do not change, only the order of reading. 0: disabled.",
                        Width.SHORT,
                        "Input alignment max drift (ms)");
    }

    static JoinBuffer parse(AbstractConfig config) {
        String spillDir = config.getString(JOIN_SPILL_DIR);
        return new JoinBuffer(
                config.getLong(JOIN_BUFFER_MAX_BYTES),
                spillDir.isBlank() ? JoinBuffer.defaultSpillDirectory() : Path.of(spillDir),
                config.getLong(JOIN_ALIGNMENT_MAX_DRIFT_MS));
    }
}
