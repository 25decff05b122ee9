package io.trainset.connect.state;

import static io.trainset.connect.state.PayloadCodec.string;

import io.trainset.connect.join.Event;
import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.JoinSnapshot;
import io.trainset.connect.join.Side;
import io.trainset.connect.join.SourcePosition;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes of a {@link Checkpoint}: gzip of a versioned binary format (magic {@code TSCK}). Format 2:
 * unit, sequence, base, offsets, files in one gzip member, then the join state in another, so the
 * join state can be encoded where it was taken, ahead of the commit. Format 1 (unit, sequence,
 * offsets, join state, files in one member; always full) is still read.
 * Maps are written in key order, so equal checkpoints have equal bytes (a retried conditional
 * create recognises its own object by comparing bytes).
 */
public final class CheckpointCodec {

    private static final int MAGIC = 0x5453434B;
    private static final int FORMAT = 2;
    /** Format 1 had no base: every checkpoint was full. */
    private static final int FORMAT_WITHOUT_BASE = 1;
    private static final int BUFFER = 1 << 16;

    private CheckpointCodec() {}

    public static byte[] encode(Checkpoint checkpoint) {
        return encode(checkpoint, encodeJoin(checkpoint.join()));
    }

    /**
     * The bytes of a checkpoint whose join state {@link #encodeJoin} encoded ahead: the commit's own
     * part (sequence, base, offsets, files) in one gzip member, followed by the join state's member
     * (concatenated gzip members read as one stream).
     */
    public static byte[] encode(Checkpoint checkpoint, byte[] encodedJoin) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encodedJoin.length + 256);
        try (DataOutputStream out = gzip(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(checkpoint.unit());
            out.writeLong(checkpoint.sequence());
            out.writeLong(checkpoint.base());
            partitionLongs(out, checkpoint.nextOffsets());
            out.writeInt(checkpoint.files().size());
            for (Checkpoint.File file : checkpoint.files()) {
                string(out, file.key());
                string(out, file.staged());
                out.writeLong(file.rows());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the checkpoint of unit " + checkpoint.unit(), e);
        }
        bytes.writeBytes(encodedJoin);
        return bytes.toByteArray();
    }

    /** The join state's part of a checkpoint's bytes, as its own gzip member: encoded where the state was taken. */
    public static byte[] encodeJoin(JoinSnapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = gzip(bytes)) {
            join(out, snapshot);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a join state", e);
        }
        return bytes.toByteArray();
    }

    private static DataOutputStream gzip(ByteArrayOutputStream bytes) throws IOException {
        // Buffered: DataOutputStream writes an int as four one-byte writes, and each one-byte write into a
        // GZIPOutputStream is a deflate call. Fastest deflate level: a checkpoint is written at every commit.
        return new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(bytes, BUFFER) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }, BUFFER));
    }

    /** Decodes a checkpoint; {@code name} (its key) is used in error messages only. */
    public static Checkpoint decode(byte[] bytes, String name) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(new ByteArrayInputStream(bytes), BUFFER), BUFFER))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Trainset checkpoint");
            }
            int format = in.readInt();
            if (format != FORMAT && format != FORMAT_WITHOUT_BASE) {
                throw new IOException("checkpoint format " + format + " is not known to this version (knows "
                        + FORMAT_WITHOUT_BASE + " and " + FORMAT + "): upgrade the connector");
            }
            int unit = in.readInt();
            long sequence = in.readLong();
            if (format == FORMAT_WITHOUT_BASE) {
                Map<InputPartition, Long> offsets = partitionLongs(in);
                JoinSnapshot join = join(in);
                return new Checkpoint(unit, sequence, sequence, offsets, join, files(in));
            }
            long base = in.readLong();
            Map<InputPartition, Long> offsets = partitionLongs(in);
            List<Checkpoint.File> files = files(in);
            JoinSnapshot join = join(in);
            return new Checkpoint(unit, sequence, base, offsets, join, files);
        } catch (IOException | RuntimeException e) {
            throw new IOException("Cannot read checkpoint " + name + ": " + e.getMessage() + ". It was written by "
                    + "another version or is damaged; restore it from the bucket's versioning, or delete the unit's "
                    + "checkpoints to start that unit again from the consumer group's offsets (rows may repeat).", e);
        }
    }

    private static List<Checkpoint.File> files(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Checkpoint.File> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            files.add(new Checkpoint.File(string(in), string(in), in.readLong()));
        }
        return files;
    }

    private static void join(DataOutputStream out, JoinSnapshot join) throws IOException {
        out.writeLong(join.unitWatermarkMs());
        partitionLongs(out, join.inputMaxMs());
        PayloadCodec.Writer payloads = new PayloadCodec.Writer(out);
        out.writeInt(join.keys().size());
        for (JoinSnapshot.KeySnapshot key : join.keys()) {
            string(out, key.key());
            events(out, payloads, key.versions());
            events(out, payloads, key.resolutions());
            out.writeInt(key.decided().size());
            for (JoinSnapshot.Decided d : key.decided()) {
                out.writeLong(d.anchor());
                out.writeLong(d.start());
                out.writeLong(d.end());
            }
        }
    }

    private static JoinSnapshot join(DataInputStream in) throws IOException {
        long watermark = in.readLong();
        Map<InputPartition, Long> maxima = partitionLongs(in);
        PayloadCodec.Reader payloads = new PayloadCodec.Reader(in);
        int count = in.readInt();
        List<JoinSnapshot.KeySnapshot> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = string(in);
            List<Event> versions = events(in, payloads, key);
            List<Event> resolutions = events(in, payloads, key);
            int decidedCount = in.readInt();
            List<JoinSnapshot.Decided> decided = new ArrayList<>(decidedCount);
            for (int d = 0; d < decidedCount; d++) {
                decided.add(new JoinSnapshot.Decided(in.readLong(), in.readLong(), in.readLong()));
            }
            keys.add(new JoinSnapshot.KeySnapshot(key, versions, resolutions, decided));
        }
        return new JoinSnapshot(watermark, maxima, keys);
    }

    private static void events(DataOutputStream out, PayloadCodec.Writer payloads, List<Event> events)
            throws IOException {
        out.writeInt(events.size());
        for (Event event : events) {
            out.writeBoolean(event.side() == Side.SUBMITTED);
            out.writeLong(event.timestampMs());
            string(out, event.source().topic());
            out.writeInt(event.source().partition());
            out.writeLong(event.source().offset());
            payloads.payload(event.payload());
        }
    }

    private static List<Event> events(DataInputStream in, PayloadCodec.Reader payloads, String key)
            throws IOException {
        int count = in.readInt();
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Side side = in.readBoolean() ? Side.SUBMITTED : Side.RESOLVED;
            long time = in.readLong();
            SourcePosition source = new SourcePosition(string(in), in.readInt(), in.readLong());
            events.add(new Event(side, key, time, source, payloads.payload()));
        }
        return events;
    }

    private static void partitionLongs(DataOutputStream out, Map<InputPartition, Long> values) throws IOException {
        Map<String, InputPartition> sorted = new TreeMap<>();
        values.keySet().forEach(p -> sorted.put(p.topic() + "\u0000" + p.partition(), p));
        out.writeInt(values.size());
        for (InputPartition partition : sorted.values()) {
            string(out, partition.topic());
            out.writeInt(partition.partition());
            out.writeLong(values.get(partition));
        }
    }

    private static Map<InputPartition, Long> partitionLongs(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<InputPartition, Long> values = new HashMap<>();
        for (int i = 0; i < count; i++) {
            values.put(new InputPartition(string(in), in.readInt()), in.readLong());
        }
        return values;
    }
}
