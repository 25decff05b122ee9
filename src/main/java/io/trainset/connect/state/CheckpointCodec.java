package io.trainset.connect.state;

import static io.trainset.connect.state.JoinStateCodec.partitionLongs;
import static io.trainset.connect.state.PayloadCodec.string;

import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The bytes of a {@link Checkpoint}: gzip of a versioned binary format (magic {@code TSCK}). The
 * commit's own part (unit, sequence, base, offsets, files) is one gzip member; the join state
 * ({@link JoinStateCodec}) another, encoded where the state was taken, ahead of the commit. Format 2
 * keeps the join state's member inline, after the commit's (a state of at most a chunk). Format 3
 * ends the commit's member with where the chunk objects lie and how many there are: their bytes, in
 * order, are the join state's member (a larger state: see {@link StateChunks}). Formats 4 and 5 are formats 2
 * and 3 with the identity of the connector that wrote the checkpoint ({@link OutputIdentity}) after the base;
 * a checkpoint without one (not stamped by a store with an owner) is written in format 2 or 3. Format 1 (unit,
 * sequence, offsets, join state, files in one member; always full) is still read.
 * Maps are written in key order, so equal checkpoints have equal bytes (a retried conditional
 * create recognises its own object by comparing bytes).
 */
public final class CheckpointCodec {

    private static final int MAGIC = 0x5453434B;
    /** Format 1 had no base: every checkpoint was full. */
    private static final int FORMAT_WITHOUT_BASE = 1;

    private static final int FORMAT_INLINE = 2;
    private static final int FORMAT_CHUNKED = 3;
    /** Added to formats 2 and 3 when the checkpoint names its writer. */
    private static final int WITH_WRITER = 2;

    private static final int NEWEST_FORMAT = FORMAT_CHUNKED + WITH_WRITER;

    private CheckpointCodec() {}

    /** Where a chunked checkpoint's join state is read from: the bytes of its chunk objects, in order. */
    @FunctionalInterface
    public interface ChunkSource {
        InputStream open(List<String> keys) throws IOException;
    }

    public static byte[] encode(Checkpoint checkpoint) {
        return encode(checkpoint, encodeJoin(checkpoint.join()));
    }

    /** A format-2 checkpoint whose join state {@link #encodeJoin} encoded ahead. */
    public static byte[] encode(Checkpoint checkpoint, byte[] encodedJoin) {
        return encode(checkpoint, EncodedJoin.inline(encodedJoin));
    }

    /**
     * The bytes of a checkpoint whose join state was encoded ahead: the commit's own part in one gzip
     * member, followed by the join state's member when inline (format 2: concatenated gzip members
     * read as one stream), or ending with the chunks' keys when chunked (format 3).
     */
    public static byte[] encode(Checkpoint checkpoint, EncodedJoin join) {
        byte[] inline = join.isChunked() ? new byte[0] : join.inline();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(inline.length + 256);
        try (DataOutputStream out = GzipMembers.gzip(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt((join.isChunked() ? FORMAT_CHUNKED : FORMAT_INLINE)
                    + (checkpoint.writer().isPresent() ? WITH_WRITER : 0));
            out.writeInt(checkpoint.unit());
            out.writeLong(checkpoint.sequence());
            out.writeLong(checkpoint.base());
            if (checkpoint.writer().isPresent()) {
                CheckpointFields.writer(out, checkpoint.writer().get());
            }
            partitionLongs(out, checkpoint.nextOffsets());
            CheckpointFields.files(out, checkpoint.files());
            if (join.isChunked()) {
                string(out, join.chunkPrefix());
                out.writeInt(join.chunkCount());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the checkpoint of unit " + checkpoint.unit(), e);
        }
        bytes.writeBytes(inline);
        return bytes.toByteArray();
    }

    /** The join state's part of a checkpoint's bytes, as its own gzip member: encoded where the state was taken. */
    public static byte[] encodeJoin(JoinSnapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encodeJoin(snapshot, UnaryOperator.identity(), bytes);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a join state", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the join state's gzip member to {@code target} (left open), each event's payload as
     * {@code storedForm} gives it (e.g. a payload spilled to disk turned back into its features). A unit's keys read
     * in place ({@code JoinUnit#takeChangesInPlace}) and their {@link JoinSnapshot} give the same bytes.
     */
    public static void encodeJoin(JoinState snapshot, UnaryOperator<Object> storedForm, OutputStream target)
            throws IOException {
        try (DataOutputStream out = GzipMembers.gzip(new GzipMembers.LeftOpen(target))) {
            JoinStateCodec.write(out, snapshot, storedForm);
        }
    }

    /** Decodes a checkpoint whose join state is inline; {@code name} (its key) is used in error messages only. */
    public static Checkpoint decode(byte[] bytes, String name) throws IOException {
        return decode(
                bytes,
                name,
                keys -> {
                    throw new IOException("its join state is in " + keys.size() + " chunk objects, which only "
                            + "CheckpointStore reads");
                },
                UnaryOperator.identity());
    }

    /**
     * Decodes a checkpoint, reading a chunked join state from {@code chunks} as it goes and passing
     * each payload through {@code onRead} as it is decoded.
     */
    public static Checkpoint decode(byte[] bytes, String name, ChunkSource chunks, UnaryOperator<Object> onRead)
            throws IOException {
        return decode(bytes, name, chunks, onRead, key -> true);
    }

    /**
     * {@link #decode(byte[], String, ChunkSource, UnaryOperator)} with the state of the keys {@code wanted} says yes
     * to only: the others are read past, their payloads never passed to {@code onRead}.
     */
    static Checkpoint decode(
            byte[] bytes, String name, ChunkSource chunks, UnaryOperator<Object> onRead, Predicate<String> wanted)
            throws IOException {
        try (DataInputStream in = GzipMembers.gunzip(new ByteArrayInputStream(bytes))) {
            int format = format(in);
            int unit = in.readInt();
            long sequence = in.readLong();
            if (format == FORMAT_WITHOUT_BASE) {
                Map<InputPartition, Long> offsets = partitionLongs(in);
                JoinSnapshot join = JoinStateCodec.read(in, onRead, wanted);
                return new Checkpoint(unit, sequence, sequence, offsets, join, CheckpointFields.files(in));
            }
            long base = in.readLong();
            Optional<OutputIdentity> writer =
                    format > FORMAT_CHUNKED ? Optional.of(CheckpointFields.writer(in)) : Optional.empty();
            Map<InputPartition, Long> offsets = partitionLongs(in);
            List<Checkpoint.File> files = CheckpointFields.files(in);
            JoinSnapshot join = isChunked(format)
                    ? chunked(CheckpointFields.chunksNamed(in).chunks(), chunks, onRead, wanted)
                    : JoinStateCodec.read(in, onRead, wanted);
            return new Checkpoint(unit, sequence, base, offsets, join, files, writer);
        } catch (ChunkReadException | SpillException e) {
            throw e; // a store or a disk problem, not a damaged checkpoint
        } catch (IOException | RuntimeException e) {
            throw damaged(name, e);
        }
    }

    /** Where the chunk objects a checkpoint names lie, read from its commit's member only: none when inline. */
    static Optional<String> chunkPrefixOf(byte[] bytes, String name) throws IOException {
        try (DataInputStream in = GzipMembers.gunzip(new ByteArrayInputStream(bytes))) {
            int format = format(in);
            if (!isChunked(format)) {
                return Optional.empty();
            }
            in.readInt();
            in.readLong();
            in.readLong();
            if (format > FORMAT_CHUNKED) {
                CheckpointFields.writer(in);
            }
            partitionLongs(in);
            CheckpointFields.files(in);
            return Optional.of(CheckpointFields.chunksNamed(in).chunkPrefix());
        } catch (IOException | RuntimeException e) {
            throw damaged(name, e);
        }
    }

    private static int format(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Trainset checkpoint");
        }
        int format = in.readInt();
        if (format < FORMAT_WITHOUT_BASE || format > NEWEST_FORMAT) {
            throw new IOException("checkpoint format " + format + " is not known to this version (knows "
                    + FORMAT_WITHOUT_BASE + " to " + NEWEST_FORMAT + "): upgrade the connector");
        }
        return format;
    }

    private static boolean isChunked(int format) {
        return format == FORMAT_CHUNKED || format == FORMAT_CHUNKED + WITH_WRITER;
    }

    private static JoinSnapshot chunked(
            List<String> keys, ChunkSource chunks, UnaryOperator<Object> onRead, Predicate<String> wanted)
            throws IOException {
        try (DataInputStream in = GzipMembers.gunzip(chunks.open(keys))) {
            return JoinStateCodec.read(in, onRead, wanted);
        }
    }

    private static IOException damaged(String name, Exception e) {
        return new IOException(
                "Cannot read checkpoint " + name + ": " + e.getMessage() + ". It was written by "
                        + "another version or is damaged; restore it from the bucket's versioning, or delete the unit's "
                        + "checkpoints to start that unit again from the consumer group's offsets (rows may repeat).",
                e);
    }
}
