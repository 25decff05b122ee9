package io.trainset.connect.state;

import io.trainset.connect.model.DatasetKeys;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys the commit protocol writes under {@code _trainset/} (laid out by {@link DatasetKeys}), and the
 * strict patterns its listings are parsed with, built from them (docs/guarantees.md). A key that matches no pattern of its directory (a {@code .DS_Store}, an
 * S3 console folder marker, a copy made by hand) is not the protocol's: {@link StateListing} ignores it.
 * A number must be written exactly as the protocol writes it ({@code %012d}, {@code %04d}), so a stray
 * key never stands for one of the protocol's.
 */
final class StateKeys {

    static final String CHECKPOINTS = DatasetKeys.CHECKPOINTS;
    static final String PENDING = DatasetKeys.PENDING;

    /** A checkpoint, in its unit's checkpoint directory: {@code <sequence>.ckpt}. */
    static final Pattern CHECKPOINT = Pattern.compile("(\\d{12,18})" + Pattern.quote(DatasetKeys.CHECKPOINT_SUFFIX));
    /** A chunk of a join state, in its unit's checkpoint directory: {@code <sequence>-<token>/state-<i>}. */
    static final Pattern CHUNK = Pattern.compile("((\\d{12,18})-[0-9A-Za-z]+/)" + DatasetKeys.CHUNK_NAME + "\\d{5,9}");
    /** A staged file, in its unit's pending directory: {@code <sequence>-<token>/<file key>.pending}. */
    static final Pattern STAGED =
            Pattern.compile("(\\d{12,18})-[0-9A-Za-z]+/[^/].*" + Pattern.quote(DatasetKeys.STAGED_SUFFIX));
    /** A checkpoint, under {@link #CHECKPOINTS}: {@code unit-<N>/<sequence>.ckpt}. */
    static final Pattern UNIT_CHECKPOINT =
            Pattern.compile("unit-(\\d{4,9})/(\\d{12,18})" + Pattern.quote(DatasetKeys.CHECKPOINT_SUFFIX));

    private StateKeys() {}

    static String checkpointDirectory(int unit) {
        return DatasetKeys.checkpointDirectory(unit);
    }

    static String checkpointKey(int unit, long sequence) {
        return DatasetKeys.checkpointKey(unit, sequence);
    }

    static String pendingDirectory(int unit) {
        return DatasetKeys.pendingDirectory(unit);
    }

    /** Where the chunks of the join state of commit {@code sequence} by writer instance {@code token} go. */
    static String chunkPrefix(int unit, long sequence, String token) {
        return DatasetKeys.chunkPrefix(unit, sequence, token);
    }

    /** The full address of {@code key} in the store at {@code location}, for messages. */
    static String where(String location, String key) {
        return location.endsWith("/") ? location + key : location + "/" + key;
    }

    /** The rest of {@code key} after {@code directory} when it matches {@code kind} whole; empty otherwise. */
    static Optional<Matcher> match(Pattern kind, String directory, String key) {
        if (!key.startsWith(directory)) {
            return Optional.empty();
        }
        Matcher matcher = kind.matcher(key.substring(directory.length()));
        return matcher.matches() ? Optional.of(matcher) : Optional.empty();
    }

    /** The sequence a matched group holds, when written as the protocol writes sequences. */
    static OptionalLong sequenceOf(String digits) {
        long sequence = Long.parseLong(digits);
        return DatasetKeys.sequence(sequence).equals(digits) ? OptionalLong.of(sequence) : OptionalLong.empty();
    }

    /** The unit a matched group holds, when written as the protocol writes units. */
    static OptionalInt unitOf(String digits) {
        int unit = Integer.parseInt(digits);
        return DatasetKeys.unit(unit).equals(digits) ? OptionalInt.of(unit) : OptionalInt.empty();
    }
}
