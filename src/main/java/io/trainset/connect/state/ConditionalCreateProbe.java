package io.trainset.connect.state;

import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a store honours conditional create ({@link ObjectStore#createIfAbsent}), on which
 * exactly-once commits rest (docs/guarantees.md): creates a unique probe key twice (the first must succeed,
 * the second must fail and leave the first's bytes), then deletes it.
 */
final class ConditionalCreateProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ConditionalCreateProbe.class);
    static final String PREFIX = DatasetKeys.PROBES;
    private static final byte[] FIRST = "first".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECOND = "second".getBytes(StandardCharsets.US_ASCII);

    private ConditionalCreateProbe() {}

    /** Fails with the store, the key, why it matters and the fix when {@code store} ignores the condition. */
    static void check(ObjectStore store, StoreRetry retry) throws IOException {
        String key = PREFIX + UUID.randomUUID() + ".probe";
        try {
            // A retried create whose response was lost finds its own bytes.
            boolean created = retry.get(() -> store.createIfAbsent(key, FIRST) || holds(store, key, FIRST));
            boolean createdAgain = retry.get(() -> store.createIfAbsent(key, SECOND));
            boolean kept = holds(store, key, FIRST);
            if (!created || createdAgain || !kept) {
                throw new IllegalStateException(unsupported(
                        store.location(),
                        key,
                        !created
                                ? "the first create reported the new key as existing"
                                : createdAgain
                                        ? "the second " + (kept ? "reported success" : "replaced the object")
                                                + " instead of failing"
                                        : "the second reported a failure but replaced the object"));
            }
            LOG.debug("{} honours conditional create (probe {})", store.location(), key);
        } catch (IOException e) {
            throw new IOException(
                    "Cannot check that " + store.location() + " honours conditional create (probe key "
                            + key + "): " + e.getMessage()
                            + ". If the store is reachable, it may not support conditional "
                            + "writes (If-None-Match: * on PutObject), which exactly-once commits need.",
                    e);
        } finally {
            delete(store, key);
        }
    }

    private static boolean holds(ObjectStore store, String key, byte[] bytes) throws IOException {
        Optional<byte[]> found = store.read(key);
        return found.isPresent() && Arrays.equals(found.get(), bytes);
    }

    private static String unsupported(String location, String key, String what) {
        return "The object store " + location + " (output.url) does not honour conditional create: creating the "
                + "probe key " + StateKeys.where(location, key) + " twice with If-None-Match: *, " + what + ". "
                + "Exactly-once commits need it: each checkpoint is created only if absent, which fences a zombie "
                + "task and keeps one chain of commits per join unit; without it two tasks could both commit a unit, "
                + "and rows would be lost or written twice. Use a store that honours If-None-Match: * on PutObject "
                + "(AWS S3, MinIO) or upgrade the S3-compatible server; for file://, a POSIX file system with hard "
                + "links.";
    }

    private static void delete(ObjectStore store, String key) {
        try {
            store.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "Could not delete the probe object {}: {}. It is harmless; delete it by hand.",
                    StateKeys.where(store.location(), key),
                    e.getMessage());
        }
    }
}
