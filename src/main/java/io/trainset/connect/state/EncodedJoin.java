package io.trainset.connect.state;

import io.trainset.connect.model.DatasetKeys;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A checkpoint's join state as encoded ahead of its commit (one gzip member): either {@code inline},
 * the bytes themselves (at most a chunk, kept in the checkpoint object: format 2), or in
 * {@code chunkCount} chunk objects {@code <chunkPrefix>state-00000}, {@code state-00001}, … whose
 * bytes in order are the state's (uploaded, or queued on the writer lane, before the checkpoint
 * that names them: format 3).
 *
 * @param inline the state's bytes, or null when chunked
 * @param chunkPrefix where the chunk objects lie, ending in {@code /}; null when inline
 * @param chunkCount how many chunk objects hold the state; 0 when inline
 */
public record EncodedJoin(byte[] inline, String chunkPrefix, int chunkCount) {

    public EncodedJoin {
        if (inline == null ? chunkPrefix == null || chunkCount < 1 : chunkPrefix != null || chunkCount != 0) {
            throw new IllegalArgumentException("An encoded join state is inline bytes or at least one chunk under a "
                    + "prefix, not " + (inline == null ? "no" : inline.length) + " bytes and " + chunkCount
                    + " chunks under " + chunkPrefix);
        }
    }

    public static EncodedJoin inline(byte[] bytes) {
        return new EncodedJoin(bytes, null, 0);
    }

    public static EncodedJoin chunked(String chunkPrefix, int chunkCount) {
        return new EncodedJoin(null, chunkPrefix, chunkCount);
    }

    /** The key of chunk {@code index} (from 0) under {@code prefix}. */
    static String chunkKey(String prefix, int index) {
        return DatasetKeys.chunkKey(prefix, index);
    }

    public boolean isChunked() {
        return inline == null;
    }

    /** The chunk objects' keys in order; none when inline. */
    public List<String> chunks() {
        return IntStream.range(0, chunkCount)
                .mapToObj(i -> chunkKey(chunkPrefix, i))
                .toList();
    }
}
