package io.trainset.connect.bench;

import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.ObjectStore;
import java.util.List;
import java.util.Optional;

/** A store that counts and drops every byte: the writer's cost without the network. */
final class NullObjectStore implements ObjectStore {

    @Override
    public ObjectOutput create(String key) {
        return new ObjectOutput() {
            private long position;

            @Override
            public void write(int b) {
                position++;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                position += length;
            }

            @Override
            public long position() {
                return position;
            }

            @Override
            public void commit() {
                // dropped
            }

            @Override
            public void close() {
                // dropped
            }
        };
    }

    @Override
    public Optional<byte[]> read(String key) {
        return Optional.empty();
    }

    @Override
    public List<String> list(String prefix) {
        return List.of();
    }

    @Override
    public boolean createIfAbsent(String key, byte[] bytes) {
        return true;
    }

    @Override
    public void copy(String from, String to) {
        // nothing is kept
    }

    @Override
    public void delete(String key) {
        // nothing is kept
    }

    @Override
    public String location() {
        return "null://";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
