package io.trainset.connect.record;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Numbers in JSON bytes for {@link JsonTokens}, by Jackson's grammar and to Jackson's values: {@code -?},
 * {@code 0} or digits without a leading zero, an optional fraction and exponent with at least one digit each;
 * an integer is a Long, beyond 64 bits a BigInteger; with a fraction or exponent a Double, the one
 * {@link Double#parseDouble} gives for the same text. Longer than {@link #MAX_NUMBER_BYTES}: left to Jackson.
 */
final class JsonNumbers {

    /** Far below Jackson's limit (StreamReadConstraints: 1,000 characters). */
    static final int MAX_NUMBER_BYTES = 200;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
    };

    private JsonNumbers() {}

    /** The end of the number at {@code from} (a '-' or a digit). */
    static int end(byte[] json, int from) {
        int digitsFrom = json[from] == '-' ? from + 1 : from;
        int to = decimalEnd(json, integerEnd(json, digitsFrom));
        if (to - from > MAX_NUMBER_BYTES) {
            throw JsonTokens.Unsure.INSTANCE;
        }
        return to;
    }

    /** The value of the number {@code json[from, to)}, as {@link #end} found it. */
    static Object value(byte[] json, int from, int to) {
        int digitsFrom = json[from] == '-' ? from + 1 : from;
        int intTo = digitsEnd(json, digitsFrom);
        if (to == intTo) {
            return integer(json, from, digitsFrom, to);
        }
        return to - from <= 16 && !hasExponent(json, intTo, to)
                ? smallDecimal(json, from, digitsFrom, intTo, to)
                : Double.parseDouble(new String(json, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** The end of the integer part from {@code p}: 0 or digits not starting with 0 (Jackson's leading zeroes). */
    private static int integerEnd(byte[] json, int p) {
        if (!digitAt(json, p)) {
            throw JsonTokens.Unsure.INSTANCE;
        }
        if (json[p] == '0') {
            if (digitAt(json, p + 1)) {
                throw JsonTokens.Unsure.INSTANCE;
            }
            return p + 1;
        }
        return digitsEnd(json, p);
    }

    /** The end of an optional fraction and exponent from {@code p}, each with at least one digit. */
    private static int decimalEnd(byte[] json, int p) {
        int end = p;
        if (end < json.length && json[end] == '.') {
            end = atLeastOneDigit(json, end + 1);
        }
        if (end < json.length && (json[end] | 0x20) == 'e') {
            int sign = end + 1;
            boolean signed = sign < json.length && (json[sign] == '+' || json[sign] == '-');
            end = atLeastOneDigit(json, signed ? sign + 1 : sign);
        }
        return end;
    }

    private static int atLeastOneDigit(byte[] json, int p) {
        int end = digitsEnd(json, p);
        if (end == p) {
            throw JsonTokens.Unsure.INSTANCE;
        }
        return end;
    }

    private static int digitsEnd(byte[] json, int p) {
        int end = p;
        while (digitAt(json, end)) {
            end++;
        }
        return end;
    }

    private static boolean digitAt(byte[] json, int p) {
        return p < json.length && json[p] >= '0' && json[p] <= '9';
    }

    private static boolean hasExponent(byte[] json, int from, int to) {
        for (int p = from; p < to; p++) {
            if ((json[p] | 0x20) == 'e') {
                return true;
            }
        }
        return false;
    }

    private static Object integer(byte[] json, int from, int digitsFrom, int to) {
        if (to - digitsFrom <= 18) {
            long value = 0;
            for (int p = digitsFrom; p < to; p++) {
                value = value * 10 + (json[p] - '0');
            }
            return from == digitsFrom ? value : -value;
        }
        BigInteger big = new BigInteger(new String(json, from, to - from, StandardCharsets.ISO_8859_1));
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /**
     * {@code int.frac} of at most 15 digits, exactly as {@link Double#parseDouble}: the digits and the power of
     * ten are exact doubles, so their quotient, rounded once, is the correctly rounded value.
     */
    private static Object smallDecimal(byte[] json, int from, int digitsFrom, int intTo, int to) {
        long digits = 0;
        for (int p = digitsFrom; p < to; p++) {
            if (p != intTo) {
                digits = digits * 10 + (json[p] - '0');
            }
        }
        double value = digits / POWERS_OF_TEN[to - intTo - 1];
        return from == digitsFrom ? value : -value;
    }
}
