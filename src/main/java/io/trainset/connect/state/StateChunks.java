package io.trainset.connect.state;

import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk objects of checkpoints whose join state is larger than a chunk, beside the checkpoint
 * objects: {@code _trainset/checkpoints/unit-<N>/<sequence>-<token>/state-<i>}. The token is the
 * writer instance's, so two instances of a unit (a zombie and the new owner) never write each
 * other's chunks; only the checkpoint that won its conditional create names its chunks.
 */
final class StateChunks {

    private static final Logger LOG = LoggerFactory.getLogger(StateChunks.class);

    private final ObjectStore store;

    StateChunks(ObjectStore store) {
        this.store = store;
    }

    /** Where the chunks of the join state of commit {@code sequence} by writer instance {@code token} go. */
    static String prefix(int unit, long sequence, String token) {
        return StateKeys.chunkPrefix(unit, sequence, token);
    }

    /** Uploads a chunk (the store retries the upload, as it does for data files). */
    void write(String key, byte[] bytes) throws IOException {
        store.put(key, bytes);
        LOG.debug("Uploaded checkpoint chunk {} ({} bytes)", key, bytes.length);
    }

    /** The bytes of the chunks of checkpoint {@code checkpoint} (its key), read one chunk at a time. */
    InputStream open(String checkpoint, List<String> keys) {
        return new ChunkInput(keys, key -> read(checkpoint, keys.size(), key));
    }

    private byte[] read(String checkpoint, int count, String key) throws ChunkReadException {
        String location = store.location() + "/";
        Optional<byte[]> bytes;
        try {
            bytes = store.read(key);
        } catch (IOException e) {
            throw new ChunkReadException(
                    "Cannot read " + location + key + " of checkpoint " + location + checkpoint + ": " + e.getMessage(),
                    e);
        }
        return bytes.orElseThrow(() -> new ChunkReadException("Checkpoint " + location + checkpoint + " keeps its "
                + "join state in " + count + " chunk objects, but " + location + key + " is missing. Restore it from "
                + "the bucket's versioning, or delete the unit's checkpoints to start that unit again from the "
                + "consumer group's offsets (rows may repeat)."));
    }

    /**
     * Deletes the chunks of commits up to {@code sequence} that no checkpoint names: those of deleted
     * checkpoints, and those a commit uploaded before it failed or was fenced. {@code listed} is the
     * unit's checkpoint directory. Chunks of later commits may be a live zombie's, in flight: left alone.
     */
    void cleanUpTo(int unit, long sequence, StateListing.Checkpoints listed) throws IOException {
        for (StateListing.ChunkCommit commit : listed.chunks().values()) {
            if (commit.sequence() <= sequence && !named(unit, commit.sequence(), commit.prefix(), listed)) {
                for (String key : commit.keys()) {
                    store.delete(key);
                }
                LOG.info(
                        "Unit {}: deleted {} checkpoint chunks under {} that no checkpoint names",
                        unit,
                        commit.keys().size(),
                        commit.prefix());
            }
        }
    }

    /** Whether checkpoint {@code sequence} exists and names the chunks under {@code prefix}. */
    private boolean named(int unit, long sequence, String prefix, StateListing.Checkpoints listed) throws IOException {
        if (!listed.sequences().contains(sequence)) {
            return false;
        }
        String key = StateKeys.checkpointKey(unit, sequence);
        Optional<byte[]> bytes = store.read(key);
        if (bytes.isEmpty()) {
            return false;
        }
        try {
            return CheckpointCodec.chunkPrefixOf(bytes.get(), store.location() + "/" + key)
                    .filter(prefix::equals)
                    .isPresent();
        } catch (IOException e) {
            LOG.warn("Unit {}: keeping the chunks under {}: {}", unit, prefix, e.getMessage());
            return true;
        }
    }
}
