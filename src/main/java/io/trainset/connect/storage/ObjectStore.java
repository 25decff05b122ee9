package io.trainset.connect.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A flat namespace of immutable objects addressed by keys relative to the store's root (the
 * {@code prefix} of {@code s3://bucket/prefix} or the directory of {@code file:///dir}).
 *
 * <p>An object becomes visible to readers only when its {@link ObjectOutput} is committed, and it
 * appears whole or not at all. Implementations are thread-safe.
 */
public interface ObjectStore extends AutoCloseable {

    /** Starts a new object under {@code key}; nothing is visible until {@link ObjectOutput#commit()}. */
    ObjectOutput create(String key) throws IOException;

    /** Writes {@code bytes} as the object {@code key} (replacing it): {@link #create} and commit. */
    default void put(String key, byte[] bytes) throws IOException {
        try (ObjectOutput out = create(key)) {
            out.write(bytes);
            out.commit();
        }
    }

    /**
     * Creates {@code key} with {@code bytes} only if no object has that key (S3 {@code If-None-Match: *});
     * returns false, writing nothing, when one exists. Two concurrent callers cannot both succeed.
     */
    boolean createIfAbsent(String key, byte[] bytes) throws IOException;

    /**
     * Copies the object {@code from} to {@code to} (replacing it), inside the store; throws if {@code from} is
     * missing. A copy publishes a long-lived object: S3 stores give it the configured storage class, which objects
     * written through {@link #create} and {@link #createIfAbsent} do not get.
     */
    void copy(String from, String to) throws IOException;

    /** Reads a whole object, or empty when no object has that key. */
    Optional<byte[]> read(String key) throws IOException;

    /** Keys (relative to the root) of every object whose key starts with {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException;

    /** Deletes the object under {@code key}; deleting a missing key is not an error. */
    void delete(String key) throws IOException;

    /** Where the root lies, for logs and messages, e.g. {@code s3://bucket/prefix}; never a secret. */
    String location();

    @Override
    void close();
}
