package io.trainset.connect.state;

import io.trainset.connect.model.Features;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values of waiting submissions moved off the heap into local files, for one join unit: what
 * keeps the join's memory within {@code join.buffer.max.bytes} while submissions wait days for their
 * resolutions. A spilled payload ({@link SpilledFeatures}) keeps on the heap only its column list
 * (shared by the events of one input schema), its split group and where its values lie; they are
 * read back when the row is written, the checkpoint encoded, or a duplicate compared.
 *
 * <p>Values are appended to segment files of {@code segmentBytes}; a segment is closed once every
 * payload in it was {@link #release released} (payloads settle roughly in time order, so segments
 * empty in turn). The files are opened with {@code DELETE_ON_CLOSE}, which on Linux and other Unix
 * systems unlinks them at once: only the open file keeps the bytes, so a closed segment, a closed
 * unit or a killed worker leaves nothing behind. They are never read after a restart (the
 * checkpoint holds the values).
 *
 * <p>The files lie in a private directory of this spill, made when the first payload is spilled under the
 * configured base ({@code join.spill.dir}) with a random name, atomically and (where the file system has POSIX
 * permissions) readable by the worker's user only: 0700, its files 0600. No other user can read the
 * features or plant a file or link in their place. {@link #close()} removes it; a killed worker can leave
 * only the empty directory. Used by the task thread only.
 */
public final class PayloadSpill implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadSpill.class);
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    private static final String DIRECTORY_PERMISSIONS = "rwx------";
    private static final String FILE_PERMISSIONS = "rw-------";

    private final Path base;
    private final String name;
    private Path directory;
    private final long segmentBytes;
    private final List<SpillSegment> segments = new ArrayList<>();
    private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(4096);
    private final DataOutputStream scratchOut = new DataOutputStream(scratch);
    private SpillSegment current;
    private int files;
    private long spilled;
    private long liveBytes;

    /**
     * A spill of unit {@code unit} in a private directory under {@code base} (created if missing); the
     * directory and files are made when first needed.
     */
    public PayloadSpill(Path base, int unit, long segmentBytes) {
        this.base = base;
        this.name = String.format(Locale.ROOT, "trainset-spill-unit-%04d-", unit);
        this.segmentBytes = segmentBytes;
    }

    /** Writes the values of {@code features} to disk; the returned payload stands for them in the join. */
    public SpilledFeatures spill(Features features) {
        try {
            scratch.reset();
            for (Object value : features.values()) {
                PayloadCodec.Values.write(scratchOut, value);
            }
            SpillSegment segment = segmentWithRoom();
            long offset = segment.append(ByteBuffer.wrap(scratch.toByteArray()));
            segment.added();
            spilled++;
            liveBytes += scratch.size();
            return new SpilledFeatures(this, segment, offset, scratch.size(), features.columns(), features.group());
        } catch (IOException e) {
            throw new SpillException(
                    "Cannot spill a waiting submission to " + where() + ": " + e.getMessage()
                            + ". Check that join.spill.dir is writable and has room, or raise join.buffer.max.bytes (and "
                            + "the worker's heap).",
                    e);
        }
    }

    /** The features a payload stands for: read back when spilled, else the payload itself. */
    public static Features features(Object payload) {
        return payload instanceof SpilledFeatures spilled ? spilled.features() : (Features) payload;
    }

    /** The payload with spilled features read back into the heap (what a checkpoint stores), else unchanged. */
    public static Object inHeap(Object payload) {
        return payload instanceof SpilledFeatures spilled ? spilled.features() : payload;
    }

    /** The join no longer holds the payload: its bytes may go (once, however often this is called). */
    public static void release(Object payload) {
        if (payload instanceof SpilledFeatures spilled) {
            spilled.release();
        }
    }

    /** Payloads spilled so far, for logs. */
    public long spilledCount() {
        return spilled;
    }

    /** Segment files open (written to, or holding payloads not released). */
    public int openSegments() {
        return segments.size();
    }

    /** Bytes of the payloads spilled and not released. */
    public long liveBytes() {
        return liveBytes;
    }

    Features read(SpilledFeatures payload) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(payload.length());
            payload.segment().read(bytes, payload.offset());
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.array()));
            Object[] values = new Object[payload.columns().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = PayloadCodec.Values.read(in);
            }
            return Features.owning(payload.columns(), values, payload.group());
        } catch (IOException e) {
            throw new SpillException(
                    "Cannot read back a spilled submission from "
                            + payload.segment().path()
                            + ": " + e.getMessage()
                            + ". The spill directory (join.spill.dir) must stay while the task runs; "
                            + "the task fails and a restart restores the unit from its checkpoint.",
                    e);
        }
    }

    void released(SpilledFeatures payload) {
        liveBytes -= payload.length();
        SpillSegment segment = payload.segment();
        if (segment.removed() == 0 && segment != current) {
            segment.close();
            segments.remove(segment);
        }
    }

    private SpillSegment segmentWithRoom() throws IOException {
        if (current == null || current.size() >= segmentBytes) {
            if (current != null && current.live() == 0) {
                current.close();
                segments.remove(current);
            }
            current = new SpillSegment(
                    directory().resolve(String.format(Locale.ROOT, "%06d.spill", files++)),
                    privately(FILE_PERMISSIONS));
            segments.add(current);
            LOG.debug("Spilling waiting submissions to {}", current.path());
        }
        return current;
    }

    /** This spill's private directory, created on first use. */
    Path directory() throws IOException {
        if (directory == null) {
            Files.createDirectories(base);
            directory = Files.createTempDirectory(base, name, privately(DIRECTORY_PERMISSIONS));
            LOG.debug("Spill directory {} created", directory);
        }
        return directory;
    }

    private String where() {
        return directory == null ? base.toString() : directory.toString();
    }

    /** The POSIX permissions to create a file with, where the base's file system has them. */
    private FileAttribute<?>[] privately(String permissions) {
        return base.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
                }
                : new FileAttribute<?>[0];
    }

    /** Deletes every file of the spill and its directory. */
    @Override
    public void close() {
        segments.forEach(SpillSegment::close);
        segments.clear();
        current = null;
        if (directory != null) {
            try {
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                LOG.warn("Cannot remove the spill directory {}: {}", directory, e.toString());
            }
            directory = null;
        }
    }
}
