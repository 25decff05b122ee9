package io.trainset.connect.testing;

import io.trainset.connect.storage.ForwardingObjectOutput;
import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An {@link ObjectStore} that delegates to another and fails the operations a test chooses, to
 * simulate a crash or an outage at a given step of a commit.
 */
public final class FaultyObjectStore extends ForwardingObjectStore {

    /** An operation of the store. */
    public enum Operation {
        CREATE,
        UPLOAD,
        CREATE_IF_ABSENT,
        COPY,
        READ,
        LIST,
        DELETE
    }

    private volatile Predicate<Operation> failing = op -> false;
    private volatile int failures;
    private volatile int budget = Integer.MAX_VALUE;

    public FaultyObjectStore(ObjectStore delegate) {
        super(delegate);
    }

    /** Fails every operation the predicate selects until {@link #heal()}. */
    public void fail(Predicate<Operation> operations) {
        failing = operations;
    }

    /** Fails the next {@code times} operations the predicate selects, then heals. */
    public synchronized void failTimes(Predicate<Operation> operations, int times) {
        budget = times;
        failing = operations;
    }

    public synchronized void heal() {
        failing = op -> false;
        budget = Integer.MAX_VALUE;
    }

    /** How many operations failed. */
    public int failures() {
        return failures;
    }

    private synchronized void check(Operation operation, String key) throws IOException {
        if (failing.test(operation) && budget > 0) {
            failures++;
            if (--budget == 0) {
                failing = op -> false;
            }
            throw new IOException("injected failure of " + operation + " " + key);
        }
    }

    /** An output whose commit (the upload) fails when {@link Operation#UPLOAD} is failing. */
    @Override
    public ObjectOutput create(String key) throws IOException {
        check(Operation.CREATE, key);
        return new ForwardingObjectOutput(super.create(key)) {
            @Override
            public void commit() throws IOException {
                check(Operation.UPLOAD, key);
                super.commit();
            }
        };
    }

    @Override
    public boolean createIfAbsent(String key, byte[] bytes) throws IOException {
        check(Operation.CREATE_IF_ABSENT, key);
        return super.createIfAbsent(key, bytes);
    }

    @Override
    public void copy(String from, String to) throws IOException {
        check(Operation.COPY, to);
        super.copy(from, to);
    }

    @Override
    public Optional<byte[]> read(String key) throws IOException {
        check(Operation.READ, key);
        return super.read(key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        check(Operation.LIST, prefix);
        return super.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        check(Operation.DELETE, key);
        super.delete(key);
    }
}
