package io.trainset.connect.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Retries the uploads of another store with {@link StoreRetry}: opening an object and committing
 * it (the S3 PUT, or the completion of a multipart upload, of bytes the output still holds). The
 * other operations are passed through; their callers retry them as steps of a commit
 * ({@code state/CheckpointStore}). Parts of a multipart upload sent while writing a file larger than
 * the part size are retried by the client only.
 */
public final class RetryingObjectStore implements ObjectStore {

    private final ObjectStore delegate;
    private final StoreRetry retry;

    public RetryingObjectStore(ObjectStore delegate, StoreRetry retry) {
        this.delegate = delegate;
        this.retry = retry;
    }

    @Override
    public ObjectOutput create(String key) throws IOException {
        return new RetryingOutput(retry.get(() -> delegate.create(key)));
    }

    @Override
    public boolean createIfAbsent(String key, byte[] bytes) throws IOException {
        return delegate.createIfAbsent(key, bytes);
    }

    @Override
    public void copy(String from, String to) throws IOException {
        delegate.copy(from, to);
    }

    @Override
    public Optional<byte[]> read(String key) throws IOException {
        return delegate.read(key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        delegate.delete(key);
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** An output whose commit is retried: a failed commit leaves its bytes in place for the next attempt. */
    private final class RetryingOutput extends ForwardingObjectOutput {

        RetryingOutput(ObjectOutput out) {
            super(out);
        }

        @Override
        public void commit() throws IOException {
            retry.run(super::commit);
        }
    }
}
