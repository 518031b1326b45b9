package io.fragscope.analysis.keys;

/**
 * The rule that folds a key-name segment to {@code *}: all digits, or at least eight hex digits and dashes with a digit
 * among them (ids, hashes, UUIDs), kept as bits while the segment's bytes go by, so a name is scanned once:
 * {@code kinds = START}, then {@code kinds = next(kinds, b)} per byte, then {@code isId(kinds, length)}. Shared by the
 * prefix tables ({@link KeyPrefixes}) and the prefix tree ({@code PrefixTree}).
 */
public final class IdSegment {
    /** The bits of a segment with no byte yet: all digits and all hex-ish so far, no digit seen. */
    public static final int START = 1 | 2;
    private static final int DIGITS = 1, HEXISH = 2, ANY_DIGIT = 4;
    private static final byte[] KIND = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean d = c >= '0' && c <= '9';
            KIND[c] = (byte) ((d ? DIGITS : 0) | (d || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-' ? HEXISH : 0));
        }
    }

    private IdSegment() {}

    /** The bits after byte {@code b}. */
    public static int next(int kinds, byte b) {
        int k = KIND[b & 0xff];
        return (kinds & (k | ANY_DIGIT)) | (k & DIGITS) << 2;
    }

    /** Whether a segment of {@code length} bytes whose bytes gave {@code kinds} looks like an id. */
    public static boolean isId(int kinds, int length) {
        return length > 0 && ((kinds & DIGITS) != 0 || (kinds & HEXISH) != 0 && length >= 8 && (kinds & ANY_DIGIT) != 0);
    }
}
