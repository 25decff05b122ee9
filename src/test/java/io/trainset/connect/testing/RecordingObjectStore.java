package io.trainset.connect.testing;

import io.trainset.connect.storage.ForwardingObjectOutput;
import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link ObjectStore} that delegates to another and records every object written to it, in order, with its size. */
public final class RecordingObjectStore extends ForwardingObjectStore {

    /** An object written: its key and its size in bytes. */
    public record Written(String key, long bytes) {}

    private final List<Written> written = new CopyOnWriteArrayList<>();

    public RecordingObjectStore(ObjectStore delegate) {
        super(delegate);
    }

    /** The objects written so far (committed outputs and conditional creates that were asked for), in order. */
    public List<Written> written() {
        return List.copyOf(written);
    }

    @Override
    public ObjectOutput create(String key) throws IOException {
        return new ForwardingObjectOutput(super.create(key)) {
            @Override
            public void commit() throws IOException {
                written.add(new Written(key, position()));
                super.commit();
            }
        };
    }

    @Override
    public boolean createIfAbsent(String key, byte[] bytes) throws IOException {
        written.add(new Written(key, bytes.length));
        return super.createIfAbsent(key, bytes);
    }
}
