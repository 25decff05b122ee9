package io.trainset.connect.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A store that passes every call to another: subclasses override what they add to it (e.g. retried uploads). */
public class ForwardingObjectStore implements ObjectStore {

    private final ObjectStore delegate;

    public ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public ObjectOutput create(String key) throws IOException {
        return delegate.create(key);
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

    @Override
    public String toString() {
        return delegate.toString();
    }
}
