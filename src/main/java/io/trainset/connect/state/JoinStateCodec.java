package io.trainset.connect.state;

import static io.trainset.connect.state.PayloadCodec.string;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinState;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The binary form of a {@link JoinSnapshot} inside a checkpoint: watermarks, then per key its held
 * events (payloads by {@link PayloadCodec}), decided windows and the anchor of the held case that had its
 * provisional row (early-label mode: the count of decided windows is written as its complement and the anchor, a
 * long, follows it, so checkpoints without one are as before and those from before the mode read as without one). Maps are written in key order, so
 * equal states have equal bytes. Each payload passes a hook on its way: {@code storedForm} before it
 * is written (a spilled payload turned back into its features), {@code onRead} after it is read (a
 * payload the caller may move off the heap).
 */
final class JoinStateCodec {

    /** An event's side as written ({@code writeBoolean(side == SUBMITTED)}'s byte), by {@link Side#ordinal()}. */
    private static final byte[] SUBMITTED_FLAG = flags();

    private JoinStateCodec() {}

    /**
     * Writes {@code join}'s state, read key by key where it lies (a unit's keys in place at its commit point, or a
     * snapshot): the same bytes for the same state either way.
     */
    static void write(DataOutputStream out, JoinState join, UnaryOperator<Object> storedForm) throws IOException {
        out.writeLong(join.unitWatermarkMs());
        partitionLongs(out, join.inputMaxMs());
        int count = join.keyCount();
        out.writeInt(count);
        KeyEncoder keys = new KeyEncoder(out, storedForm);
        try {
            join.forEachKey(keys);
        } catch (EncodeFailure e) {
            throw e.getCause(); // only the encoder's own: a payload's storedForm keeps its exception and message
        }
        if (keys.written != count) {
            throw new IllegalStateException(
                    "A join state announced " + count + " keys but handed over " + keys.written);
        }
    }

    /** The encoder's own write failure, carried out of {@link JoinState#forEachKey}. */
    private static final class EncodeFailure extends UncheckedIOException {
        EncodeFailure(IOException cause) {
            super(cause);
        }
    }

    /** Writes each key handed over: its held events, decided windows and provisional anchor. */
    private static final class KeyEncoder implements JoinState.KeyWriter {
        private final DataOutputStream out;
        private final PayloadCodec.Writer payloads;
        private final UnaryOperator<Object> storedForm;
        private int written;

        KeyEncoder(DataOutputStream out, UnaryOperator<Object> storedForm) {
            this.out = out;
            this.payloads = new PayloadCodec.Writer(out);
            this.storedForm = storedForm;
        }

        @Override
        public void key(
                String key,
                List<Event> versions,
                List<Event> resolutions,
                long provisionalAnchor,
                long[] decided,
                int decidedCount) {
            boolean provisional = provisionalAnchor != JoinSnapshot.KeySnapshot.NO_PROVISIONAL;
            if (provisional && !holds(versions, provisionalAnchor)) {
                throw new IllegalStateException(
                        "key " + key + ": the provisional row's anchor " + provisionalAnchor + " is no held version");
            }
            try {
                string(out, key);
                events(out, payloads, versions, storedForm);
                events(out, payloads, resolutions, storedForm);
                // A key whose held case had its provisional row writes its count of decided windows as ~count
                // (negative) and then that case's anchor: checkpoints without early labels keep their bytes, and
                // those written before the mode read as without.
                out.writeInt(provisional ? ~decidedCount : decidedCount);
                if (provisional) {
                    out.writeLong(provisionalAnchor);
                }
                for (int at = 0; at < 3 * decidedCount; at++) {
                    out.writeLong(decided[at]); // anchor, start, end of each window
                }
            } catch (IOException e) {
                throw new EncodeFailure(e);
            }
            written++;
        }

        /** Whether one of {@code versions} is at {@code anchor} (what a snapshot's key checks, and a restore needs). */
        private static boolean holds(List<Event> versions, long anchor) {
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i).timestampMs() == anchor) {
                    return true;
                }
            }
            return false;
        }
    }

    static JoinSnapshot read(DataInputStream in, UnaryOperator<Object> onRead) throws IOException {
        return read(in, onRead, key -> true);
    }

    /**
     * The state of the keys {@code wanted} says yes to: the others are read past and dropped, their payloads never
     * handed to {@code onRead} (a restore reads a chain from its newest checkpoint back, and an older state of a key
     * that a newer checkpoint holds is never needed). The events of one topic share one topic string.
     */
    static JoinSnapshot read(DataInputStream in, UnaryOperator<Object> onRead, Predicate<String> wanted)
            throws IOException {
        long watermark = in.readLong();
        Map<InputPartition, Long> maxima = partitionLongs(in);
        PayloadCodec.Reader payloads = new PayloadCodec.Reader(in);
        Map<String, String> topics = new HashMap<>();
        int count = in.readInt();
        // Presized up to a bound: the newest checkpoint keeps every key, an older one few of them.
        List<JoinSnapshot.KeySnapshot> keys = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            String key = string(in);
            boolean kept = wanted.test(key);
            UnaryOperator<Object> payloadRead = kept ? onRead : UnaryOperator.identity();
            List<Event> versions = events(in, payloads, key, topics, payloadRead);
            List<Event> resolutions = events(in, payloads, key, topics, payloadRead);
            int word = in.readInt();
            boolean provisional = word < 0;
            int decidedCount = provisional ? ~word : word;
            long provisionalAnchor = provisional ? in.readLong() : JoinSnapshot.KeySnapshot.NO_PROVISIONAL;
            List<JoinSnapshot.Decided> decided = new ArrayList<>(decidedCount);
            for (int d = 0; d < decidedCount; d++) {
                decided.add(new JoinSnapshot.Decided(in.readLong(), in.readLong(), in.readLong()));
            }
            if (kept) {
                keys.add(new JoinSnapshot.KeySnapshot(key, versions, resolutions, decided, provisionalAnchor));
            }
        }
        return new JoinSnapshot(watermark, maxima, keys);
    }

    private static void events(
            DataOutputStream out, PayloadCodec.Writer payloads, List<Event> events, UnaryOperator<Object> storedForm)
            throws IOException {
        out.writeInt(events.size());
        for (int i = 0; i < events.size(); i++) { // indexed: no iterator per key (random-access lists)
            Event event = events.get(i);
            // 1 for SUBMITTED, 0 for RESOLVED (writeBoolean's bytes), without a branch: a first checkpoint holds only
            // submissions for a while, and a compare would trap in its compiled code at the first held resolution.
            out.writeByte(SUBMITTED_FLAG[event.side().ordinal()]);
            out.writeLong(event.timestampMs());
            string(out, event.source().topic());
            out.writeInt(event.source().partition());
            out.writeLong(event.source().offset());
            payloads.payload(storedForm.apply(event.payload()));
        }
    }

    private static List<Event> events(
            DataInputStream in,
            PayloadCodec.Reader payloads,
            String key,
            Map<String, String> topics,
            UnaryOperator<Object> onRead)
            throws IOException {
        int count = in.readInt();
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Side side = in.readBoolean() ? Side.SUBMITTED : Side.RESOLVED;
            long time = in.readLong();
            // One string per topic, not per event: a million held events would otherwise keep a million copies.
            String topic = topics.computeIfAbsent(string(in), t -> t);
            SourcePosition source = new SourcePosition(topic, in.readInt(), in.readLong());
            events.add(new Event(side, key, time, source, onRead.apply(payloads.payload())));
        }
        return events;
    }

    private static byte[] flags() {
        byte[] flags = new byte[Side.values().length];
        flags[Side.SUBMITTED.ordinal()] = 1;
        return flags;
    }

    static void partitionLongs(DataOutputStream out, Map<InputPartition, Long> values) throws IOException {
        Map<String, InputPartition> sorted = new TreeMap<>();
        values.keySet().forEach(p -> sorted.put(p.topic() + "\u0000" + p.partition(), p));
        out.writeInt(values.size());
        for (InputPartition partition : sorted.values()) {
            string(out, partition.topic());
            out.writeInt(partition.partition());
            out.writeLong(values.get(partition));
        }
    }

    static Map<InputPartition, Long> partitionLongs(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<InputPartition, Long> values = new HashMap<>();
        for (int i = 0; i < count; i++) {
            values.put(new InputPartition(string(in), in.readInt()), in.readLong());
        }
        return values;
    }
}
