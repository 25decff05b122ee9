package io.trainset.connect.storage;

import java.io.IOException;

/**
 * Retries the uploads of another store with {@link StoreRetry}: opening an object and committing
 * it (the S3 PUT, or the completion of a multipart upload, of bytes the output still holds). The
 * other operations are passed through; their callers retry them as steps of a commit
 * ({@code state/CheckpointStore}). Parts of a multipart upload sent while writing a file larger than
 * the part size are retried by the client only.
 */
public final class RetryingObjectStore extends ForwardingObjectStore {

    private final StoreRetry retry;

    public RetryingObjectStore(ObjectStore delegate, StoreRetry retry) {
        super(delegate);
        this.retry = retry;
    }

    @Override
    public ObjectOutput create(String key) throws IOException {
        return new RetryingOutput(retry.get(() -> super.create(key)));
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
