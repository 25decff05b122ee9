package io.trainset.connect.state;

import java.util.List;
import java.util.TreeSet;

/**
 * Whose checkpoint chains an output location holds: the connector's name and its input topics. A
 * location belongs to one identity ({@link OutputOwner}); a checkpoint carries the identity of the
 * connector that wrote it.
 *
 * @param connector the connector's name ({@code name}, which Connect gives the connector and its tasks)
 * @param inputs the input topics, sorted, each once
 */
public record OutputIdentity(String connector, List<String> inputs) {

    public OutputIdentity {
        inputs = List.copyOf(new TreeSet<>(inputs));
    }

    /** For messages: {@code connector 'name' reading [a, b]}. */
    @Override
    public String toString() {
        return "connector '" + connector + "' reading " + inputs;
    }
}
