package io.trainset.connect.state;

import io.trainset.connect.model.DatasetKeys;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys the commit protocol writes under {@code _trainset/}, and the strict patterns its listings are
 * parsed with (docs/guarantees.md). A key that matches no pattern of its directory (a {@code .DS_Store}, an
 * S3 console folder marker, a copy made by hand) is not the protocol's: {@link StateListing} ignores it.
 * A number must be written exactly as the protocol writes it ({@code %012d}, {@code %04d}), so a stray
 * key never stands for one of the protocol's.
 */
final class StateKeys {

    static final String CHECKPOINTS = DatasetKeys.METADATA + "checkpoints/";
    static final String PENDING = DatasetKeys.METADATA + "pending/";
    static final String SUFFIX = ".ckpt";

    /** A checkpoint, in its unit's checkpoint directory: {@code <sequence>.ckpt}. */
    static final Pattern CHECKPOINT = Pattern.compile("(\\d{12,18})\\.ckpt");
    /** A chunk of a join state, in its unit's checkpoint directory: {@code <sequence>-<token>/state-<i>}. */
    static final Pattern CHUNK = Pattern.compile("((\\d{12,18})-[0-9A-Za-z]+/)" + EncodedJoin.CHUNK_NAME + "\\d{5,9}");
    /** A staged file, in its unit's pending directory: {@code <sequence>-<token>/<final key>.pending}. */
    static final Pattern STAGED = Pattern.compile("(\\d{12,18})-[0-9A-Za-z]+/[^/].*\\.pending");
    /** A checkpoint, under {@link #CHECKPOINTS}: {@code unit-<N>/<sequence>.ckpt}. */
    static final Pattern UNIT_CHECKPOINT = Pattern.compile("unit-(\\d{4,9})/(\\d{12,18})\\.ckpt");

    private StateKeys() {}

    static String checkpointDirectory(int unit) {
        return CHECKPOINTS + unitDirectory(unit);
    }

    static String checkpointKey(int unit, long sequence) {
        return checkpointDirectory(unit) + sequence(sequence) + SUFFIX;
    }

    static String pendingDirectory(int unit) {
        return PENDING + unitDirectory(unit);
    }

    /** Where a file of commit {@code commit} of {@code unit} is staged by the writer instance {@code token}. */
    static String stagedKey(int unit, long commit, String token, String finalKey) {
        return pendingDirectory(unit) + sequence(commit) + "-" + token + "/" + finalKey + ".pending";
    }

    /** Where the chunks of the join state of commit {@code sequence} by writer instance {@code token} go. */
    static String chunkPrefix(int unit, long sequence, String token) {
        return checkpointDirectory(unit) + sequence(sequence) + "-" + token + "/";
    }

    /** The full address of {@code key} in the store at {@code location}, for messages. */
    static String where(String location, String key) {
        return location.endsWith("/") ? location + key : location + "/" + key;
    }

    private static String unitDirectory(int unit) {
        return String.format(Locale.ROOT, "unit-%04d/", unit);
    }

    private static String sequence(long sequence) {
        return String.format(Locale.ROOT, "%012d", sequence);
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
        return sequence(sequence).equals(digits) ? OptionalLong.of(sequence) : OptionalLong.empty();
    }

    /** The unit a matched group holds, when written as the protocol writes units. */
    static OptionalInt unitOf(String digits) {
        int unit = Integer.parseInt(digits);
        return String.format(Locale.ROOT, "%04d", unit).equals(digits) ? OptionalInt.of(unit) : OptionalInt.empty();
    }
}
