package io.trainset.connect.state;

/**
 * The output location belongs to another connector (docs/guarantees.md, <em>One connector per location</em>):
 * nothing of it may be restored or written. Not retried: repeating the step cannot mend it.
 */
public final class OwnershipException extends RuntimeException {

    public OwnershipException(String message) {
        super(message);
    }
}
