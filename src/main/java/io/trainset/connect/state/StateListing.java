package io.trainset.connect.state;

import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit protocol's directories as listed, every key parsed with the strict patterns of
 * {@link StateKeys}. A key that matches none of its directory's patterns is not the protocol's (a
 * {@code .DS_Store}, an S3 console folder marker, a copy made by hand): it is left out, never read nor
 * deleted, and logged at WARN the first time this instance lists it. Thread-safe.
 */
final class StateListing {

    private static final Logger LOG = LoggerFactory.getLogger(StateListing.class);
    private static final Pattern UNIT = Pattern.compile("(unit-(\\d{4,9})/).+");

    private final ObjectStore store;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    StateListing(ObjectStore store) {
        this.store = store;
    }

    /**
     * A unit's checkpoint directory: the sequences of its checkpoints, and its chunks by the directory of
     * their commit ({@code <sequence>-<token>/}, a key of {@code chunks}).
     */
    record Checkpoints(NavigableSet<Long> sequences, Map<String, ChunkCommit> chunks) {

        /** This listing without the checkpoints before {@code keptFrom} (deleted meanwhile). */
        Checkpoints from(long keptFrom) {
            return new Checkpoints(sequences.tailSet(keptFrom, true), chunks);
        }
    }

    /** The chunk objects under one commit's chunk directory {@code prefix}. */
    record ChunkCommit(String prefix, long sequence, List<String> keys) {}

    /** A staged file of commit {@code sequence}. */
    record Staged(long sequence, String key) {}

    Checkpoints checkpoints(int unit) throws IOException {
        String directory = StateKeys.checkpointDirectory(unit);
        NavigableSet<Long> sequences = new TreeSet<>();
        Map<String, ChunkCommit> chunks = new TreeMap<>();
        for (String key : store.list(directory)) {
            OptionalLong checkpoint = sequence(StateKeys.CHECKPOINT, directory, key);
            Optional<Matcher> chunk = StateKeys.match(StateKeys.CHUNK, directory, key);
            OptionalLong chunkSequence =
                    chunk.map(m -> StateKeys.sequenceOf(m.group(2))).orElse(OptionalLong.empty());
            if (checkpoint.isPresent()) {
                sequences.add(checkpoint.getAsLong());
            } else if (chunkSequence.isPresent()) {
                chunks.computeIfAbsent(
                                directory + chunk.get().group(1),
                                prefix -> new ChunkCommit(prefix, chunkSequence.getAsLong(), new ArrayList<>()))
                        .keys()
                        .add(key);
            } else {
                stray(key);
            }
        }
        return new Checkpoints(Collections.unmodifiableNavigableSet(sequences), chunks);
    }

    /** The staged files of a unit's pending directory, in key order. */
    List<Staged> staged(int unit) throws IOException {
        String directory = StateKeys.pendingDirectory(unit);
        List<Staged> staged = new ArrayList<>();
        for (String key : store.list(directory)) {
            OptionalLong sequence = sequence(StateKeys.STAGED, directory, key);
            if (sequence.isPresent()) {
                staged.add(new Staged(sequence.getAsLong(), key));
            } else {
                stray(key);
            }
        }
        return staged;
    }

    /** The newest checkpoint's sequence of every unit that has one, read from one listing of every unit's. */
    Map<Integer, Long> newestCheckpoints() throws IOException {
        Map<Integer, Long> newest = new HashMap<>();
        for (String key : store.list(StateKeys.CHECKPOINTS)) {
            Optional<Matcher> unitDirectory = StateKeys.match(UNIT, StateKeys.CHECKPOINTS, key);
            OptionalInt unit =
                    unitDirectory.map(m -> StateKeys.unitOf(m.group(2))).orElse(OptionalInt.empty());
            String directory =
                    StateKeys.CHECKPOINTS + unitDirectory.map(m -> m.group(1)).orElse("");
            OptionalLong checkpoint =
                    unit.isPresent() ? sequence(StateKeys.CHECKPOINT, directory, key) : OptionalLong.empty();
            if (checkpoint.isPresent()) {
                newest.merge(unit.getAsInt(), checkpoint.getAsLong(), Math::max);
            } else if (unit.isEmpty()
                    || StateKeys.match(StateKeys.CHUNK, directory, key).isEmpty()) {
                stray(key);
            }
        }
        return newest;
    }

    /** The sequence in group 1 of {@code kind} when {@code key} is such a key of {@code directory}. */
    private static OptionalLong sequence(Pattern kind, String directory, String key) {
        return StateKeys.match(kind, directory, key)
                .map(m -> StateKeys.sequenceOf(m.group(1)))
                .orElse(OptionalLong.empty());
    }

    private void stray(String key) {
        if (reported.add(key)) {
            LOG.warn(
                    "Ignoring {}: it is not an object of Trainset's commit protocol (a .DS_Store, a folder marker "
                            + "or a copy made by hand?), so it is never read nor deleted. Remove it if nobody needs it.",
                    StateKeys.where(store.location(), key));
        }
    }
}
