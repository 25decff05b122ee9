package io.trainset.connect.storage;

import java.io.IOException;

/** An output that passes every call to another: subclasses override what they add to it (e.g. a retried commit). */
public class ForwardingObjectOutput extends ObjectOutput {

    private final ObjectOutput delegate;

    public ForwardingObjectOutput(ObjectOutput delegate) {
        this.delegate = delegate;
    }

    @Override
    public void write(int b) throws IOException {
        delegate.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        delegate.write(bytes, offset, length);
    }

    @Override
    public long position() {
        return delegate.position();
    }

    @Override
    public void commit() throws IOException {
        delegate.commit();
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** The delegate's name: the object's location, which error messages and logs show. */
    @Override
    public String toString() {
        return delegate.toString();
    }
}
