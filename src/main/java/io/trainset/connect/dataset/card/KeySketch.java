package io.trainset.connect.dataset.card;

import java.util.Base64;

/**
 * A HyperLogLog sketch of distinct keys (4096 one-byte registers, standard error about 1.6%, exact
 * enough to show duplicates and keys per split): mergeable across card parts by taking the highest
 * register, so a key written by two writer instances (after a restart) counts once. Small
 * cardinalities use linear counting.
 */
final class KeySketch {

    private static final int P = 12;
    private static final int M = 1 << P;
    private static final double ALPHA = 0.7213 / (1 + 1.079 / M);

    private final byte[] registers;

    KeySketch() {
        this(new byte[M]);
    }

    private KeySketch(byte[] registers) {
        if (registers.length != M) {
            throw new IllegalArgumentException("a key sketch has " + M + " registers, got " + registers.length);
        }
        this.registers = registers;
    }

    void add(String key) {
        long hash = hash64(key);
        int index = (int) (hash >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((hash << P) | (1L << (P - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    void merge(KeySketch other) {
        for (int i = 0; i < M; i++) {
            registers[i] = (byte) Math.max(registers[i], other.registers[i]);
        }
    }

    long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += 1.0 / (1L << register);
            zeros += register == 0 ? 1 : 0;
        }
        double raw = ALPHA * M * M / sum;
        if (raw <= 2.5 * M && zeros > 0) {
            return Math.round(M * Math.log((double) M / zeros));
        }
        return Math.round(raw);
    }

    String encode() {
        return Base64.getEncoder().encodeToString(registers);
    }

    static KeySketch decode(String encoded) {
        return new KeySketch(Base64.getDecoder().decode(encoded));
    }

    /** FNV-1a over the UTF-16 chars, then MurmurHash3's 64-bit finaliser to spread the bits. */
    static long hash64(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe1a85ec5L;
        h ^= h >>> 33;
        return h;
    }
}
