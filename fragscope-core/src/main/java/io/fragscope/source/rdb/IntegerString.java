package io.fragscope.source.rdb;

/**
 * Whether Redis would hold a string as an integer: {@code string2l} in src/util.c — optional '-', no
 * '+', no leading zeros (except "0"), no spaces, at most 20 characters, within int64.
 */
final class IntegerString {
    private IntegerString() {}

    /** Sentinel-free parse: returns true and stores the value in {@code out[0]}. */
    static boolean parse(byte[] b, int off, int len, long[] out) {
        if (len == 0 || len > 20) return false;
        if (len == 1 && b[off] == '0') { out[0] = 0; return true; }
        int i = off, end = off + len;
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
            if (i == end) return false;
        }
        if (b[i] < '1' || b[i] > '9') return false;
        long v = 0;
        // Accumulate negatively so Long.MIN_VALUE fits. Up to 18 digits cannot overflow: the check (a division per
        // digit) is for 19 and 20, and listpack strings pass here by the million.
        int unchecked = Math.min(end, i + 18);
        for (; i < unchecked; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return false;
            v = v * 10 - d;
        }
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return false;
            if (v < (Long.MIN_VALUE + d) / 10) return false;
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) return false;
            v = -v;
        }
        out[0] = v;
        return true;
    }

    /** Decimal length of {@code v}, as the string Redis would print for it. */
    static int decimalLength(long v) {
        if (v == Long.MIN_VALUE) return 20;
        long a = Math.abs(v);
        // comparisons, not divisions: listpack integers pass through here by the million
        int d = 1;
        for (long p = 10; d < 19 && a >= p; p *= 10) d++;
        return (v < 0 ? 1 : 0) + d;
    }
}
